import type { Backend, StateLock } from './backend.js';

/** The parsed `-lock` and `-lock-timeout` flags (`parseLockFlags` in `cli/run/flags.ts`). */
export interface LockFlags {
  readonly lock: boolean;
  readonly timeoutMs: number;
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
