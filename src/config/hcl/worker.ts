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

/** Rejection reason when hcl2json did not answer in time or its worker died. */
export class Hcl2jsonUnavailable extends Error {}

interface Pending {
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/** One worker thread and the requests waiting for it. */
class ParserThread {
  readonly worker: Worker;
  readonly pending = new Map<number, Pending>();
  dead = false;

  constructor(onDeath: (t: ParserThread) => void) {
    const path = createRequire(import.meta.url).resolve('@cdktf/hcl2json');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path } });
    this.worker.on('message', (m: { id: number; ok: boolean; json?: unknown; message?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.ok) p.resolve(m.json);
      else p.reject(new Error(m.message));
    });
    const die = (reason: string): void => {
      this.dead = true;
      onDeath(this);
      this.failAll(reason);
    };
    this.worker.on('error', (e) => die(`hcl2json failed: ${e.message}`));
    this.worker.on('exit', () => die('hcl2json stopped unexpectedly'));
    // After the listeners: adding a 'message' listener refs the port again.
    this.worker.unref();
  }

  failAll(reason: string): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new Hcl2jsonUnavailable(reason));
      this.pending.delete(id);
    }
  }

  stop(reason: string): void {
    this.dead = true;
    this.failAll(reason);
    void this.worker.terminate();
  }
}

let current: ParserThread | undefined;
let nextId = 1;

/**
 * Parses one HCL file with `@cdktf/hcl2json` in a worker thread, so that a pathological input (the
 * Go parser can spin for minutes on some number literals, or exhaust its stack) costs at most
 * `timeoutMs` and never blocks or crashes the main thread: on a timeout the worker is stopped (with
 * every request still waiting on it) and the next call starts a new one. Rejects with hcl2json's own
 * error for syntax errors, and with `Hcl2jsonUnavailable` on a timeout or a dead worker. The idle
 * worker does not keep the process alive.
 */
export function hcl2jsonParse(name: string, text: string, timeoutMs = PARSE_TIMEOUT_MS): Promise<unknown> {
  if (!current || current.dead) {
    current = new ParserThread((t) => {
      if (current === t) current = undefined;
    });
  }
  const thread = current;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      if (current === thread) current = undefined;
      thread.stop(`hcl2json did not finish within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} seconds`}`);
    }, timeoutMs);
    thread.pending.set(id, { resolve, reject, timer });
    thread.worker.postMessage({ id, name, text });
  });
}
