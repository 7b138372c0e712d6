import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How long one file may take in hcl2json before the worker is stopped. */
const PARSE_TIMEOUT_MS = 30_000;

/** The worker's code (CommonJS, run with `eval`): loads hcl2json and answers parse requests. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const lib = require(workerData.path);
parentPort.on('message', async ({ id, name, text }) => {
  try {
    const json = await lib.parse(name, text);
    parentPort.postMessage({ id, ok: true, json });
  } catch (e) {
    parentPort.postMessage({ id, ok: false, message: String((e && e.message) || e) });
  }
});
`;

/** Thrown (only inside the loader) when hcl2json did not answer in time or its worker died. */
export class Hcl2jsonUnavailable extends Error {}

interface Pending {
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: Error) => void;
  readonly timer: NodeJS.Timeout;
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(reason: string): void {
  for (const [id, p] of pending) {
    clearTimeout(p.timer);
    p.reject(new Hcl2jsonUnavailable(reason));
    pending.delete(id);
  }
}

function start(): Worker {
  const path = createRequire(import.meta.url).resolve('@cdktf/hcl2json');
  const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { path } });
  w.on('message', (m: { id: number; ok: boolean; json?: unknown; message?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    clearTimeout(p.timer);
    if (m.ok) p.resolve(m.json);
    else p.reject(new Error(m.message));
  });
  w.on('error', (e) => {
    if (worker === w) worker = undefined;
    failAll(`hcl2json failed: ${e.message}`);
  });
  w.on('exit', () => {
    if (worker === w) worker = undefined;
    failAll('hcl2json stopped unexpectedly');
  });
  // After the listeners: adding a 'message' listener refs the port again.
  w.unref();
  return w;
}

/**
 * Parses one HCL file with `@cdktf/hcl2json` in a worker thread, so that a pathological input (the
 * Go parser can spin for minutes on some number literals, or exhaust its stack) costs at most
 * PARSE_TIMEOUT_MS and never blocks or crashes the main thread: on a timeout the worker is stopped
 * and the next call starts a new one. Rejects with hcl2json's own error for syntax errors, and with
 * `Hcl2jsonUnavailable` on a timeout or a dead worker. The idle worker does not keep the process alive.
 */
export function hcl2jsonParse(name: string, text: string, timeoutMs = PARSE_TIMEOUT_MS): Promise<unknown> {
  worker ??= start();
  const w = worker;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      if (worker === w) worker = undefined;
      void w.terminate();
      reject(new Hcl2jsonUnavailable(`hcl2json did not finish within ${Math.round(timeoutMs / 1000)} seconds`));
    }, timeoutMs);
    pending.set(id, { resolve, reject, timer });
    w.postMessage({ id, name, text });
  });
}
