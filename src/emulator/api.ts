import type { Faults } from './faults.js';
import type { Params, Tag } from './params.js';
import type { RegionBackend, Store } from './store.js';
import { InvalidNextToken, InvalidParameter } from './errors.js';

/** What a request handler gets: the parsed parameters, the store, the call's virtual time. */
export interface CallContext {
  readonly action: string;
  readonly params: Params;
  readonly store: Store;
  /** Virtual time of the call (the store is settled to it). */
  readonly now: number;
  /** For lifecycle faults (`imageFailureRate`, `cancelNotSupported`). */
  readonly faults: Faults;
  /** The region the call acted in, for the request log (handlers set it). */
  region?: string;
}

/** A request handler: parses parameters, calls the model, returns the answer body without `RequestId`. */
export type Handler = (ctx: CallContext) => Record<string, unknown>;

/** One API action of a product version. */
export interface ActionDef {
  readonly handler: Handler;
  /** Changes the cloud (persisted after it succeeds). */
  readonly mutating: boolean;
  /** Honours ClientToken; `createImage` answers a mismatch with 403 `InvalidParamter.Conflict`. */
  readonly clientToken?: 'standard' | 'createImage';
  /** Parameters the real API takes that the emulator ignores (logged when sent). */
  readonly unsupported?: readonly string[];
}

/** Actions by name for one product version. */
export type ActionTable = Readonly<Record<string, ActionDef>>;

/** Reads the mandatory `RegionId`, records it for the log and returns the region's backend. */
export function regionOf(ctx: CallContext, name = 'RegionId'): RegionBackend {
  const id = ctx.params.required(name);
  const r = ctx.store.region(id);
  ctx.region = id;
  return r;
}

/** A page of `items` by `PageNumber` (from 1) and `PageSize` (default `dflt`, at most `max`). */
export function pageOf<T>(ctx: CallContext, items: readonly T[], dflt: number, max: number): { items: T[]; PageNumber: number; PageSize: number; TotalCount: number } {
  const pageNumber = ctx.params.int('PageNumber', 1, 1);
  const pageSize = ctx.params.int('PageSize', dflt, 1, max);
  const start = (pageNumber - 1) * pageSize;
  return { items: items.slice(start, start + pageSize), PageNumber: pageNumber, PageSize: pageSize, TotalCount: items.length };
}

/** A page of `items` by `NextToken` and a size parameter; `NextToken` is '' on the last page. */
export function tokenPageOf<T>(ctx: CallContext, items: readonly T[], sizeParam: string, dflt: number, max: number): { items: T[]; NextToken: string } {
  const size = ctx.params.int(sizeParam, dflt, 1, max);
  const tok = ctx.params.str('NextToken');
  let start = 0;
  if (tok) {
    const m = /^emu-(\d+)$/.exec(Buffer.from(tok, 'base64url').toString());
    if (!m) throw new InvalidNextToken();
    start = Number(m[1]);
  }
  const end = start + size;
  return { items: items.slice(start, end), NextToken: end < items.length ? Buffer.from(`emu-${end}`).toString('base64url') : '' };
}

/** ECS tag list shape: `{ Tag: [{ TagKey, TagValue }] }`. */
export function ecsTags(tags: readonly Tag[]): { Tag: { TagKey: string; TagValue: string }[] } {
  return { Tag: tags.map((t) => ({ TagKey: t.key, TagValue: t.value })) };
}

/** VPC tag list shape: `{ Tag: [{ Key, Value }] }`. */
export function vpcTags(tags: readonly Tag[]): { Tag: { Key: string; Value: string }[] } {
  return { Tag: tags.map((t) => ({ Key: t.key, Value: t.value })) };
}

/** Throws `InvalidParameter` unless `value` is one of `allowed` (case-sensitive). */
export function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new InvalidParameter(name, `Valid values: ${allowed.join(', ')}.`);
  return value as T;
}
