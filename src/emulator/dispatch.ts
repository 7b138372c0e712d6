import type { ActionDef, CallContext } from './api.js';
import type { Clock } from './clock.js';
import { IdempotentParameterMismatch, InvalidClientTokenValueNotSupported, InvalidParamterConflict } from './errors.js';
import type { Faults } from './faults.js';
import { Params } from './params.js';
import type { Store } from './store.js';

/** What one successful call produced. */
export interface CallResult {
  readonly body: Record<string, unknown>;
  /** The region the handler acted in (for the log). */
  readonly region: string | null;
}

/**
 * Runs one authenticated, routed call against the store: settles lifecycles to the call's time, replays
 * or rejects ClientToken repeats, runs the handler, persists mutating calls and remembers the token.
 * Synchronous, so calls never interleave. Throws the handler's ApiError on failure (nothing persisted).
 */
export function dispatch(
  deps: { store: Store; clock: Clock; faults: Faults; log: (line: string) => void },
  call: { action: string; version: string; def: ActionDef; params: Params; accessKeyId: string },
): CallResult {
  if (deps.store.reloadIfChanged()) deps.clock.catchUp(deps.store.savedClock);
  const now = deps.clock.now();
  deps.store.settle(now);
  const { def, params } = call;
  for (const u of def.unsupported ?? []) {
    if (params.entries().some(([k]) => k === u || k.startsWith(u + '.'))) deps.log(`${call.action}: ignoring unsupported parameter ${u}`);
  }
  let tokenKey: string | undefined;
  let paramsKey = '';
  const token = params.str('ClientToken');
  if (def.clientToken && token) {
    if (token.length > 64 || !/^[\x20-\x7e]+$/.test(token)) throw new InvalidClientTokenValueNotSupported();
    tokenKey = `${call.accessKeyId}|${call.version}|${call.action}|${token}`;
    paramsKey = JSON.stringify(params.entries().filter(([k]) => k !== 'ClientToken'));
    const seen = deps.store.token(tokenKey);
    if (seen) {
      if (seen.paramsKey !== paramsKey) throw def.clientToken === 'createImage' ? new InvalidParamterConflict() : new IdempotentParameterMismatch();
      return { body: structuredClone(seen.body), region: params.str('RegionId') ?? null };
    }
  }
  const ctx: CallContext = { action: call.action, params, store: deps.store, now, faults: deps.faults };
  const body = def.handler(ctx);
  if (tokenKey) deps.store.rememberToken(tokenKey, paramsKey, structuredClone(body), now);
  if (def.mutating || tokenKey) deps.store.save(now);
  return { body, region: ctx.region ?? null };
}
