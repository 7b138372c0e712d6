import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ActionDef, ActionTable } from './api.js';
import { Authenticator, parseRawQuery, V2_SIGNING_PARAMS } from './auth.js';
import type { Clock } from './clock.js';
import { controlRequest, type EmulatorControl } from './control.js';
import { dispatch } from './dispatch.js';
import { ECS_ACTIONS, ECS_VERSION } from './ecs/index.js';
import { ApiError, InternalError, InvalidActionNotFound, InvalidParameter } from './errors.js';
import type { Faults } from './faults.js';
import { Params } from './params.js';
import type { RequestLog } from './requestLog.js';
import type { OssService } from './oss/index.js';
import { isOssRequest } from './oss/index.js';
import type { Store } from './store.js';
import { VPC_ACTIONS, VPC_VERSION } from './vpc/index.js';

const MAX_BODY = 1024 * 1024;

/** Products by API version: how calls are routed (both have `TagResources`, so the pair decides). */
const PRODUCTS: Readonly<Record<string, { name: string; actions: ActionTable }>> = {
  [ECS_VERSION]: { name: 'ecs', actions: ECS_ACTIONS },
  [VPC_VERSION]: { name: 'vpc', actions: VPC_ACTIONS },
};

/** The parts a server works with; all owned by one emulator instance. */
export interface ServerParts {
  readonly store: Store;
  readonly clock: Clock;
  readonly faults: Faults;
  readonly auth: Authenticator;
  readonly requestLog: RequestLog;
  readonly control: EmulatorControl;
  readonly log: (line: string) => void;
  /** The Object Storage Service (REST, XML), served beside the RPC APIs. */
  readonly oss?: OssService;
}

/**
 * Creates the HTTP server: `/_emulator/*` goes to the control endpoints; every other request is an RPC
 * call routed by `x-acs-action`/`x-acs-version` (or `Action`/`Version` query parameters), verified,
 * run, and answered with JSON — errors as `{ RequestId, HostId, Code, Message, Recommend }` with the
 * cloud's HTTP status. Nothing here keeps the process alive beyond the listening socket.
 */
export function createEmulatorServer(parts: ServerParts): Server {
  const server = createServer((req, res) => {
    if (parts.oss && isOssRequest(req)) return void parts.oss.serve(req, res);
    readBody(req)
      .then((body) => (req.url?.startsWith('/_emulator/') ? serveControl(parts, req, res, body) : serveApi(parts, req, res, body)))
      .catch((e: unknown) => {
        parts.log(`emulator: internal error: ${(e as Error)?.stack ?? String(e)}`);
        if (!res.headersSent) sendJson(res, 500, { RequestId: newRequestId(), HostId: 'emulator', Code: 'InternalError', Message: 'The request processing has failed due to some unknown error.' });
      });
  });
  server.keepAliveTimeout = 5_000;
  return server;
}

/** Reads a request's body; rejects with `tooLarge()` past `max` bytes (and stops reading). */
export function readBody(req: IncomingMessage, max = MAX_BODY, tooLarge: () => Error = () => new Error('request body too large')): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(tooLarge());
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function newRequestId(): string {
  return randomUUID().toUpperCase();
}

function serveControl(parts: ServerParts, req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
  const path = (req.url ?? '/').split('?')[0]!;
  let body: unknown;
  try {
    body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined;
  } catch {
    return sendJson(res, 400, { error: 'the body must be JSON' });
  }
  try {
    const out = controlRequest(parts.control, req.method ?? 'GET', path, body);
    sendJson(res, out.status, out.body);
  } catch (e) {
    sendJson(res, 400, { error: (e as Error).message });
  }
}

function headerMap(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  return out;
}

async function serveApi(parts: ServerParts, req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
  const started = performance.now();
  const requestId = newRequestId();
  const headers = headerMap(req);
  const [path, rawQuery = ''] = (req.url ?? '/').split(/\?(.*)/s) as [string, string?];
  let action = headers['x-acs-action'] ?? '';
  let version = headers['x-acs-version'] ?? '';
  const product = (): string => PRODUCTS[version]?.name ?? '';
  let region: string | null = null;
  const finish = (status: number, payload: Record<string, unknown>, code?: string, extra: Record<string, string> = {}): void => {
    sendJson(res, status, payload, { 'x-acs-request-id': requestId, ...extra });
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    parts.requestLog.add({ time: new Date().toISOString(), action, version, product: product(), region, status, requestId, durationMs, ...(code ? { code } : {}) });
    parts.log(`${req.method} ${action || '-'} ${version || '-'} ${region ?? '-'} ${status}${code ? ' ' + code : ''} ${durationMs}ms`);
  };
  try {
    let pairs: [string, string][];
    try {
      pairs = parseRawQuery(rawQuery);
    } catch {
      throw new InvalidParameter('query', 'The query string is not correctly percent-encoded.');
    }
    if (!action) action = pairs.find(([k]) => k === 'Action')?.[1] ?? '';
    if (!version) version = pairs.find(([k]) => k === 'Version')?.[1] ?? '';
    const accessKeyId = parts.auth.verify({ method: req.method ?? 'POST', path, rawQuery, headers, body }, pairs);
    const def: ActionDef | undefined = path === '/' ? PRODUCTS[version]?.actions[action] : undefined;
    if (!def || !Object.hasOwn(PRODUCTS[version]!.actions, action)) throw new InvalidActionNotFound(action, version);
    const formPairs = (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') ? [...new URLSearchParams(body.toString('utf8'))] : [];
    const params = new Params([...pairs, ...formPairs].filter(([k]) => !V2_SIGNING_PARAMS.has(k)));
    region = params.str('RegionId') ?? null;
    const decision = parts.faults.decide(action);
    if (decision.delayMs > 0) await new Promise((r) => setTimeout(r, decision.delayMs));
    if (decision.before) throw decision.before;
    const result = dispatch(parts, { action, version, def, params, accessKeyId });
    region = result.region ?? region;
    if (decision.after) throw decision.after;
    finish(200, { RequestId: requestId, ...result.body });
  } catch (e) {
    const err = e instanceof ApiError ? e : internal(parts, e);
    const host = `${product() || 'ecs'}${region ? '.' + region : ''}.aliyuncs.com`;
    finish(
      err.status,
      { RequestId: requestId, HostId: host, Code: err.code, Message: err.message, Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=${product() === 'vpc' ? 'Vpc' : 'Ecs'}` },
      err.code,
      { ...err.headers },
    );
  }
}

function internal(parts: ServerParts, e: unknown): ApiError {
  parts.log(`emulator: handler failed: ${(e as Error)?.stack ?? String(e)}`);
  return new InternalError();
}
