import pRetry, { AbortError } from 'p-retry';
import { isDefiniteRefusal, ProviderError, TimeoutError, type ErrorClass } from '../errors.js';
import type { OperationContext } from '../types.js';
import { DEFAULT_PACING, type Pacing } from './settings.js';

/** Codes that are retried with back-off whatever the action (ALICLOUD.md §4, class R). */
const RETRY_CODES = new Set([
  'Throttling', 'Throttling.User', 'Throttling.Api', 'Rejected.Throttling', 'ServiceUnavailable', 'InternalError',
  'UnknownError', 'SignatureNonceUsed', 'SystemBusy', 'ServiceUnavailable.Busy', 'OperationFailed.Busy',
]);

/** Transport failures (Node error codes and SDK error names) that are retried. */
const TRANSPORT_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH',
  'ENETDOWN', 'ESOCKETTIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'ERR_STREAM_PREMATURE_CLOSE',
]);

/** Codes that mean the credentials are wrong: the message then names the provider instance to fix. */
const CREDENTIAL_CODES = new Set([
  'InvalidAccessKeyId.NotFound', 'InvalidAccessKeyId.Inactive', 'InvalidAccessKeyId', 'SignatureDoesNotMatch',
  'IncompleteSignature', 'InvalidSecurityToken.Expired', 'InvalidSecurityToken.Malformed', 'InvalidSecurityToken.MismatchWithAccessKey',
  'InvalidCredentials', 'Forbidden.AccessKeyDisabled',
]);

/** Per-action codes: W (retry until the deadline) and G (already gone), from ALICLOUD.md §4 and §2. */
export const ACTION_CODES: Readonly<Record<string, { readonly wait?: readonly string[]; readonly gone?: readonly string[] }>> = {
  CancelCopyImage: { gone: ['InvalidImageId.NotFound'] },
  DeleteImage: { gone: ['InvalidImageId.NotFound'] },
  DeleteSnapshot: { gone: ['InvalidSnapshotId.NotFound'] },
  CreateImage: { wait: ['IncorrectInstanceStatus'] },
  RunInstances: { wait: ['IncorrectVSwitchStatus'] },
  StopInstance: { gone: ['InvalidInstanceId.NotFound'], wait: ['IncorrectInstanceStatus'] },
  StartInstance: { wait: ['IncorrectInstanceStatus'] },
  DeleteInstance: {
    gone: ['InvalidInstanceId.NotFound'],
    wait: ['IncorrectInstanceStatus.Initializing', 'IncorrectInstanceStatus', 'DependencyViolation.RouteEntry'],
  },
  ModifyInstanceSpec: { wait: ['IncorrectInstanceStatus'] },
  CreateVpc: { wait: ['TaskConflict'] },
  ModifyVpcAttribute: { wait: ['IncorrectVpcStatus', 'OperationConflict', 'SystemBusy', 'TaskConflict'] },
  DescribeVpcAttribute: { gone: ['InvalidVpcId.NotFound', 'Forbidden.VpcNotFound'] },
  DeleteVpc: {
    gone: ['InvalidVpcId.NotFound', 'Forbidden.VpcNotFound'],
    wait: ['DependencyViolation.VSwitch', 'DependencyViolation.SecurityGroup', 'DependencyViolation.Instance',
      'DependencyViolation.RouteEntry', 'IncorrectVpcStatus', 'TaskConflict', 'OperationConflict'],
  },
  CreateVSwitch: { wait: ['IncorrectVpcStatus', 'IncorrectVSwitchStatus', 'TaskConflict', 'OperationConflict'] },
  ModifyVSwitchAttribute: { wait: ['IncorrectVSwitchStatus', 'OperationConflict', 'TaskConflict'] },
  DescribeVSwitchAttributes: { gone: ['InvalidVSwitchId.NotFound'] },
  DeleteVSwitch: {
    gone: ['InvalidVSwitchId.NotFound'],
    wait: ['DependencyViolation', 'IncorrectVSwitchStatus', 'TaskConflict', 'OperationConflict', 'OperationDenied.OtherSubnetProcessing'],
  },
  CreateSecurityGroup: { wait: ['IncorrectVpcStatus'] },
  DeleteSecurityGroup: { gone: ['InvalidSecurityGroupId.NotFound'], wait: ['DependencyViolation'] },
  DescribeSecurityGroups: { gone: ['InvalidSecurityGroupId.NotFound'] },
  TagResources: { wait: ['OperationConflict', 'IncorrectVpcStatus', 'IncorrectVSwitchStatus'] },
  UntagResources: { wait: ['OperationConflict'] },
  UnTagResources: { wait: ['OperationConflict', 'IncorrectVpcStatus', 'IncorrectVSwitchStatus'] },
};

/** Extra classification for one call site: codes to wait on and codes meaning "already gone". */
export interface CallCodes {
  readonly wait?: readonly string[];
  readonly gone?: readonly string[];
}

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  statusCode?: unknown;
  requestId?: unknown;
  retryAfter?: unknown;
  data?: unknown;
  message?: unknown;
}

function apiMessage(e: SdkErrorShape): string {
  const data = e.data as Record<string, unknown> | undefined;
  const m = data && typeof data.Message === 'string' ? data.Message : undefined;
  if (m) return m;
  const raw = typeof e.message === 'string' ? e.message : '';
  // SDK text: "<Code>: code: <status>, <Message> request id: <id>": keep the Message part.
  const mm = /code: \d+, (.*?) request id: /s.exec(raw);
  return mm ? mm[1]! : raw;
}

/**
 * Converts any error thrown by an SDK call into a `ProviderError` with its class:
 * `retry` for throttling, 5xx, timeouts and transport failures; `wait`/`gone` for the codes that
 * `ACTION_CODES[action]` or `extra` list; `fatal` otherwise. The message names the action, the code,
 * the API's message and the RequestId — never credentials or request URLs.
 */
export function toProviderError(err: unknown, action: string, address?: string, extra: CallCodes = {}): ProviderError {
  if (err instanceof ProviderError) return err;
  const e = (err ?? {}) as SdkErrorShape;
  const name = typeof e.name === 'string' ? e.name : '';
  const code = typeof e.code === 'string' ? e.code : typeof e.code === 'number' ? String(e.code) : '';
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const requestId = typeof e.requestId === 'string' && e.requestId !== 'undefined' ? e.requestId : undefined;
  const base = { ...(address !== undefined ? { address } : {}), cause: err };

  if (name === 'RequestTimeoutError' || TRANSPORT_CODES.has(code)) {
    const what = name === 'RequestTimeoutError' ? 'the request timed out' : `transport error ${code}`;
    return new ProviderError(`${action}: ${what}.`, { apiCode: code || name, errorClass: 'retry', ...base });
  }
  if (err instanceof SyntaxError) {
    return new ProviderError(`${action}: the API answered with a body that is not JSON.`, { apiCode: 'InvalidResponse', errorClass: 'retry', ...base });
  }
  if (!code) {
    const msg = err instanceof Error ? err.message : String(err);
    return new ProviderError(`${action} failed: ${msg}`, { apiCode: 'Unknown', errorClass: 'fatal', ...base });
  }
  const table = ACTION_CODES[action] ?? {};
  let cls: ErrorClass = 'fatal';
  if ((extra.gone ?? []).includes(code) || (table.gone ?? []).includes(code)) cls = 'gone';
  else if ((extra.wait ?? []).includes(code) || (table.wait ?? []).includes(code)) cls = 'wait';
  else if (name === 'ThrottlingError' || code.includes('Throttling') || RETRY_CODES.has(code) || (status !== undefined && status >= 500)) cls = 'retry';
  if (code === 'InvalidCredentials') cls = 'fatal';

  const retryAfterMs = typeof e.retryAfter === 'number' && e.retryAfter >= 0 ? e.retryAfter : undefined;
  const message = `${action} failed: ${code}: ${apiMessage(e)}${requestId ? ` (RequestId: ${requestId})` : ''}`;
  return new ProviderError(message, {
    apiCode: code,
    errorClass: cls,
    ...(requestId !== undefined ? { requestId } : {}),
    ...(status !== undefined ? { httpStatus: status } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...base,
  });
}

/** True when `err` is a ProviderError meaning the object is already gone. */
export function isGone(err: unknown): boolean {
  return err instanceof ProviderError && err.errorClass === 'gone';
}

/** True when `err` is a ProviderError with the given API code. */
export function hasCode(err: unknown, ...codes: string[]): boolean {
  return err instanceof ProviderError && codes.includes(err.apiCode);
}

/** Options of `call`. */
export interface CallOptions extends CallCodes {
  /** Pacing override (defaults to the provider's). */
  readonly pacing?: Pacing;
  /** Maximum attempts for `retry`-class errors (default 10); `wait`-class errors retry until the deadline. */
  readonly maxAttempts?: number;
}

/** Adds to a credential failure which provider instance's access key to check (never the key itself). */
function withCredentialHint(pe: ProviderError, ctx: OperationContext): ProviderError {
  if (!CREDENTIAL_CODES.has(pe.apiCode)) return pe;
  const who = (ctx.provider as { address?: string } | undefined)?.address ?? 'the provider';
  return new ProviderError(`The cloud rejected the credentials of ${who} (${pe.apiCode}): check its access_key and secret_key (or ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY).`, {
    apiCode: pe.apiCode,
    errorClass: 'fatal',
    scope: 'provider',
    ...(pe.requestId !== undefined ? { requestId: pe.requestId } : {}),
    ...(pe.httpStatus !== undefined ? { httpStatus: pe.httpStatus } : {}),
    ...(pe.address !== undefined ? { address: pe.address } : {}),
    cause: pe.cause,
  });
}

/** Sleeps `ms`, rejecting with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Resolves with `p`, or rejects with the signal's reason as soon as it aborts. */
function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** The operation kind of a context's address-free description, used in timeout messages. */
function timeoutError(ctx: OperationContext, action: string, last: ProviderError | undefined): TimeoutError {
  const why = last ? ` The last attempt failed with ${last.apiCode}: ${last.message}` : '';
  return new TimeoutError(action, `${ctx.address}: ${action} did not succeed before the operation's deadline.${why}`, last?.apiCode);
}

/**
 * Calls the API once or more: `fn` makes one SDK request. Errors are classified by `toProviderError`;
 * `retry`-class errors are retried with exponential back-off and jitter (at least `x-acs-retry-after`
 * when the server sends it) up to `maxAttempts`, `wait`-class errors until the deadline, and the rest
 * fail at once with code, message and RequestId (`gone`-class errors are thrown too: see `isGone`).
 * Nothing is retried past `ctx.deadline`; when the deadline (or `ctx.signal`) ends the wait, a
 * `TimeoutError` naming the last failure is thrown (or the signal's reason on an interrupt).
 */
export async function call<T>(ctx: OperationContext, action: string, fn: () => Promise<T>, opts: CallOptions = {}): Promise<T> {
  const gate = ctx.provider as CredentialGate | undefined;
  if (gate && typeof gate.checkedCall === 'function') return gate.checkedCall(() => callOnce(ctx, action, fn, opts), isCredentialFailure);
  return callOnce(ctx, action, fn, opts);
}

/** What `call` needs of the provider handle to send only one request with credentials the cloud rejects. */
export interface CredentialGate {
  checkedCall<T>(fn: () => Promise<T>, rejected: (e: unknown) => boolean): Promise<T>;
}

/** True when an error says the cloud rejected the provider's credentials. */
export function isCredentialFailure(e: unknown): boolean {
  return e instanceof ProviderError && CREDENTIAL_CODES.has(e.apiCode);
}

async function callOnce<T>(ctx: OperationContext, action: string, fn: () => Promise<T>, opts: CallOptions): Promise<T> {
  const pacing = opts.pacing ?? (ctx.provider as { pacing?: Pacing } | undefined)?.pacing ?? DEFAULT_PACING;
  const maxAttempts = opts.maxAttempts ?? 10;
  let last: ProviderError | undefined;
  // Whether an attempt failed without proof that it changed nothing (so a later refusal proves nothing).
  let uncertain = false;
  const deadlineHit = () => Date.now() >= ctx.deadline - 5;
  try {
    return await pRetry(
      async () => {
        try {
          return await raceAbort(fn(), ctx.signal);
        } catch (e) {
          if (ctx.signal.aborted) throw new AbortError(e instanceof Error ? e : String(e));
          const answer = withCredentialHint(toProviderError(e, action, ctx.address, opts), ctx);
          const pe = uncertain ? answer.afterUncertain() : answer;
          if (!isDefiniteRefusal(answer)) uncertain = true;
          last = pe;
          if (pe.errorClass === 'fatal' || pe.errorClass === 'gone') throw new AbortError(pe);
          throw pe;
        }
      },
      {
        retries: 1_000_000,
        factor: 2,
        minTimeout: pacing.retryMinMs,
        maxTimeout: pacing.retryMaxMs,
        randomize: true,
        signal: ctx.signal,
        maxRetryTime: Math.max(0, ctx.deadline - Date.now()),
        onFailedAttempt: async ({ error, attemptNumber }) => {
          const pe = error as ProviderError;
          ctx.log.debug(`${action} failed, will retry`, { code: pe.apiCode, requestId: pe.requestId, attempt: attemptNumber });
          if (pe.retryAfterMs !== undefined && pe.retryAfterMs > 0) {
            if (Date.now() + pe.retryAfterMs >= ctx.deadline) return; // let the deadline decide
            await sleep(pe.retryAfterMs, ctx.signal);
          }
        },
        shouldRetry: ({ error, attemptNumber }) => {
          const pe = error as ProviderError;
          if (deadlineHit()) return false;
          if (pe.errorClass === 'wait') return true;
          return pe.errorClass === 'retry' && attemptNumber < maxAttempts;
        },
      },
    );
  } catch (e) {
    if (e instanceof ProviderError && e.errorClass !== 'retry' && e.errorClass !== 'wait') throw e;
    if (deadlineHit() || (ctx.signal.aborted && Date.now() >= ctx.deadline - 50)) throw timeoutError(ctx, action, last);
    if (ctx.signal.aborted) throw ctx.signal.reason ?? e;
    throw e;
  }
}

/** Runs `call` and returns undefined instead of throwing when the error is of class `gone`. */
export async function callIgnoringGone<T>(ctx: OperationContext, action: string, fn: () => Promise<T>, opts: CallOptions = {}): Promise<T | undefined> {
  try {
    return await call(ctx, action, fn, opts);
  } catch (e) {
    if (isGone(e)) return undefined;
    throw e;
  }
}
