import { ProviderError, TimeoutError, type ErrorClass } from '../errors.js';
import type { OperationContext, TimeoutKind } from '../types.js';
import { sleep } from './errors.js';
import { DEFAULT_PACING, type Pacing } from './settings.js';

/** What a waiter polls for. `T` is the object as one poll returns it (null: the API does not list it). */
export interface WaitSpec<T> {
  /** The operation whose deadline bounds the wait (for the TimeoutError). */
  readonly operation: TimeoutKind;
  /** Names the object in messages, e.g. `image m-123`. */
  readonly subject: string;
  /** One poll: the object, or null when the API does not list it. */
  readonly poll: () => Promise<T | null>;
  /** The object's status. */
  readonly status: (obj: T) => string;
  /** Statuses that end the wait successfully; `'gone'` in this list means "not listed any more". */
  readonly target: readonly string[];
  /** Statuses to keep waiting in; anything not in target, pending or fail is an unexpected state. */
  readonly pending: readonly string[];
  /** Statuses that end the wait with an error. */
  readonly fail?: readonly string[];
  /** Progress shown while waiting (e.g. the image's `Progress`). */
  readonly progress?: (obj: T) => number | undefined;
  /**
   * How long an unlisted object counts as pending (a just-created object may take a moment to
   * appear), when `'gone'` is not a target. Defaults to the provider's grace (`Pacing.notFoundGraceMs`).
   */
  readonly notFoundGraceMs?: number;
}

/** Parses a progress string such as `"42%"` into a number, or undefined. */
export function parseProgress(text: unknown): number | undefined {
  if (typeof text === 'number') return text;
  if (typeof text !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(text);
  return m ? Number(m[1]) : undefined;
}

function pacingOf(ctx: OperationContext): Pacing {
  return (ctx.provider as { pacing?: Pacing } | undefined)?.pacing ?? DEFAULT_PACING;
}

function stateError(subject: string, code: string, message: string, cls: ErrorClass = 'fatal'): ProviderError {
  return new ProviderError(`${subject}: ${message}`, { apiCode: code, errorClass: cls });
}

/**
 * Polls until the object reaches a target status (returns it; null when the target is `'gone'` and
 * it disappeared), a fail status (throws a `ProviderError` with code `UnexpectedState`/`<Status>`), an
 * unknown status, or the operation deadline (throws `TimeoutError` naming the last status and
 * progress). The first poll comes after `pollFirstMs` (1 s by default), later ones double up to
 * `pollMaxMs` (10 s). Every poll reports status and progress through `ctx.progress` when they change.
 */
export async function waitFor<T>(ctx: OperationContext, spec: WaitSpec<T>): Promise<T | null> {
  const pacing = pacingOf(ctx);
  const goneIsTarget = spec.target.includes('gone');
  const grace = spec.notFoundGraceMs ?? pacing.notFoundGraceMs;
  let interval = Math.max(1, pacing.pollFirstMs);
  let lastStatus: string | undefined;
  let lastProgress: number | undefined;
  let missingSince: number | undefined;
  const timeout = () => {
    const where = lastStatus === undefined ? 'no status seen' : `last status ${lastStatus}${lastProgress !== undefined ? `, progress ${lastProgress}%` : ''}`;
    return new TimeoutError(spec.operation, `${ctx.address}: timed out waiting for ${spec.subject} to become ${spec.target.join(' or ')} (${where}).`, lastStatus);
  };
  for (;;) {
    const remaining = ctx.deadline - Date.now();
    if (remaining <= 0) throw timeout();
    try {
      await sleep(Math.min(interval, remaining), ctx.signal);
    } catch (e) {
      if (Date.now() >= ctx.deadline - 50) throw timeout();
      throw e;
    }
    interval = Math.min(interval * 2, Math.max(pacing.pollMaxMs, 1));
    if (Date.now() >= ctx.deadline) throw timeout();
    let obj: T | null;
    try {
      obj = await spec.poll();
    } catch (e) {
      if (e instanceof TimeoutError) throw timeout();
      throw e;
    }
    if (obj === null) {
      if (goneIsTarget) return null;
      missingSince ??= Date.now();
      if (Date.now() - missingSince > grace) {
        throw stateError(spec.subject, 'NotFound', `it is no longer listed by the API (waited ${Math.round(grace / 1000)} s for it to appear).`);
      }
      lastStatus = 'not listed';
      continue;
    }
    missingSince = undefined;
    const status = spec.status(obj);
    const progress = spec.progress?.(obj);
    if (status !== lastStatus || progress !== lastProgress) {
      ctx.progress({ ...(progress !== undefined ? { percent: progress } : {}), message: status });
    }
    lastStatus = status;
    lastProgress = progress;
    if (spec.target.includes(status)) return obj;
    if (spec.fail?.includes(status)) throw stateError(spec.subject, status, `reached status ${status} while waiting for ${spec.target.join(' or ')}.`);
    if (!spec.pending.includes(status)) {
      throw stateError(spec.subject, 'UnexpectedState', `unexpected status ${status} while waiting for ${spec.target.join(' or ')} (expected ${spec.pending.join(', ')}).`);
    }
  }
}
