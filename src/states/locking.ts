import { error, type Diagnostic, type Result } from '../diag/index.js';
import type { Backend, StateLock } from './backend.js';

/** The parsed `-lock` and `-lock-timeout` flags. */
export interface LockFlags {
  readonly lock: boolean;
  readonly timeoutMs: number;
}

/**
 * Parses `-lock=BOOL` (absent or empty: true) and `-lock-timeout=DURATION` (Go syntax: `0s`, `500ms`,
 * `1m30s`; default 0). Bad values are diagnostics.
 */
export function parseLockFlags(lock: string | boolean | undefined, timeout: string | undefined): Result<LockFlags> {
  const diags: Diagnostic[] = [];
  let on = true;
  if (typeof lock === 'boolean') on = lock;
  else if (lock !== undefined) {
    const s = lock.toLowerCase();
    if (s === 'false' || s === '0') on = false;
    else if (!(s === 'true' || s === '1' || s === '')) diags.push(error('Invalid value for -lock', `The value "${lock}" is not a boolean; use -lock=true or -lock=false.`));
  }
  let timeoutMs = 0;
  if (timeout !== undefined) {
    const ms = parseDuration(timeout);
    if (ms === undefined) diags.push(error('Invalid value for -lock-timeout', `The value "${timeout}" is not a duration; use for example -lock-timeout=30s or -lock-timeout=2m.`));
    else timeoutMs = ms;
  }
  return { value: { lock: on, timeoutMs }, diagnostics: diags };
}

/** Parses a Go duration (`300ms`, `10s`, `1h30m`, `0`) into milliseconds; undefined when invalid. */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (s === '0') return 0;
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let i = 0;
  if (!s) return undefined;
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) return undefined;
    total += Number(m[1]) * units[m[2]!]!;
    i = re.lastIndex;
  }
  return Math.round(total);
}

/**
 * Runs `fn` holding the state lock (unless `flags.lock` is false), releasing it however `fn` ends.
 * `onWait` is called when the lock is busy and the call is going to wait for it.
 */
export async function withStateLock<T>(backend: Backend, operation: string, flags: LockFlags, fn: () => Promise<T>, onWait?: () => void): Promise<T> {
  let lock: StateLock | undefined;
  if (flags.lock) lock = await backend.lock(operation, { timeoutMs: flags.timeoutMs, ...(onWait ? { onWait } : {}) });
  try {
    return await fn();
  } finally {
    await lock?.release();
  }
}
