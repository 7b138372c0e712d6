import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { openBackend, StateManager, type OpenBackendOptions } from '../../../src/states/index.js';

/** One isolated place a backend stores workspaces in (a directory, a schema, a bucket prefix). */
export interface Place {
  /** Options that open `workspace` here (JSON-serialisable: child processes get them too). */
  options(extra?: Partial<Pick<OpenBackendOptions, 'workspace' | 'raw' | 'lock' | 'env'>>): OpenBackendOptions;
  /** Puts the backup back over the snapshot, as the restore advice in `names.restore` says. */
  restoreBackup(workspace?: string): Promise<void>;
}

/** What the conformance suite needs of a backend. */
export interface Harness {
  readonly name: string;
  /** True when sealing needs MINITF_STATE_KEY (`BackendDefinition.shared`). */
  readonly shared: boolean;
  /** Words the snapshot's name and the backup's name contain in messages. */
  readonly names: { readonly snapshot: RegExp; readonly backup: RegExp };
  /** A new isolated place (cleaned up after the file's tests). */
  place(): Place;
}

/** The key every conformance run seals with. */
export const KEY = 'conformance passphrase';

const opened: StateManager[] = [];
afterAll(async () => {
  for (const b of opened.splice(0)) await b.close().catch(() => undefined);
});

/** Opens a backend at `place` (closed after the file's tests). */
export function open(place: Place, extra: Parameters<Place['options']>[0] = {}): StateManager {
  const r = openBackend(place.options(extra));
  if (!(r.value instanceof StateManager)) throw new Error(`cannot open the backend: ${JSON.stringify(r.diagnostics)}`);
  opened.push(r.value);
  return r.value;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** A child process running `child.ts MODE` on a backend opened with `opts`; `lines` collects its stdout lines. */
export function child(opts: OpenBackendOptions, mode: string): { proc: ChildProcess; lines: string[]; waitFor(re: RegExp): Promise<RegExpExecArray>; exited: Promise<void> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'child.ts'), JSON.stringify(opts), mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(proc);
  const lines: string[] = [];
  let buf = '';
  const listeners: (() => void)[] = [];
  proc.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      lines.push(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
    }
    listeners.forEach((l) => l());
  });
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const waitFor = (re: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        for (const l of lines) {
          const m = re.exec(l);
          if (m) return resolve(m);
        }
      };
      listeners.push(check);
      void exited.then(() => reject(new Error(`the child (${mode}) exited before printing ${re}: ${lines.join('\n')}`)));
      check();
    });
  return { proc, lines, waitFor, exited };
}
