import type { OperationContext } from '../types.js';
import type { AlicloudClient } from './client.js';
import { call } from './errors.js';

/** A tag map as stored in state. */
export type TagMap = Record<string, string>;

/** Most tags one TagResources/UntagResources call may carry. */
export const TAGS_PER_CALL = 20;

/** True for keys the cloud reserves (`aliyun…`, `acs:…`, `http://…`, `https://…`): hidden, never removed. */
export function isSystemTagKey(key: string): boolean {
  const k = key.toLowerCase();
  return k.startsWith('aliyun') || k.startsWith('acs:') || k.startsWith('http://') || k.startsWith('https://');
}

/** The configured tag map (null/unset → empty). Non-string values are stringified. */
export function configTags(value: unknown): TagMap {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: TagMap = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== null && v !== undefined) out[k] = String(v);
  return out;
}

/** Tags from an API answer (`{key,value}` or `{tagKey,tagValue}` items), system tags removed. */
export function apiTags(items: readonly { key?: string; value?: string; tagKey?: string; tagValue?: string }[] | undefined): TagMap {
  const out: TagMap = {};
  for (const t of items ?? []) {
    const k = t.tagKey ?? t.key;
    if (k === undefined || isSystemTagKey(k)) continue;
    out[k] = t.tagValue ?? t.value ?? '';
  }
  return out;
}

/**
 * The `tags` attribute written back after a read: the cloud's tags always, so out-of-band changes
 * show; an empty set is `{}` when the prior value was a map, else null (so an unset argument stays unset).
 */
export function tagsAttribute(read: TagMap, prior: unknown): TagMap | null {
  if (Object.keys(read).length > 0) return read;
  return prior && typeof prior === 'object' ? {} : null;
}

/** Keys to remove and entries to set to go from `old` to `next` (system keys never removed). */
export function diffTags(old: TagMap, next: TagMap): { remove: string[]; set: TagMap } {
  const remove = Object.keys(old).filter((k) => !(k in next) && !isSystemTagKey(k)).sort();
  const set: TagMap = {};
  for (const [k, v] of Object.entries(next)) if (old[k] !== v) set[k] = v;
  return { remove, set };
}

/** The `Tag.N` list of a create request. */
export function tagList(tags: TagMap): { key: string; value: string }[] {
  return Object.keys(tags).sort().map((key) => ({ key, value: tags[key]! }));
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Brings an ECS resource's tags from `old` to `next`: UntagResources for removed keys, then
 * TagResources, at most 20 keys per call, each call retried per `call`. `resourceType` is ECS's
 * (`image`, `instance`, `securitygroup`, `snapshot`).
 */
export async function updateEcsTags(ctx: OperationContext<AlicloudClient>, resourceType: string, id: string, old: TagMap, next: TagMap): Promise<void> {
  const { remove, set } = diffTags(old, next);
  if (remove.length === 0 && Object.keys(set).length === 0) return;
  const api = await ctx.provider.ecs();
  for (const keys of chunks(remove, TAGS_PER_CALL)) {
    const req = new api.sdk.UntagResourcesRequest({ regionId: api.region, resourceType, resourceId: [id], tagKey: keys });
    await call(ctx, 'UntagResources', () => api.client.untagResources(req));
  }
  for (const part of chunks(tagList(set), TAGS_PER_CALL)) {
    const req = new api.sdk.TagResourcesRequest({ regionId: api.region, resourceType, resourceId: [id], tag: part });
    await call(ctx, 'TagResources', () => api.client.tagResources(req));
  }
}

/**
 * Brings a VPC-product resource's tags from `old` to `next` (UnTagResources, then TagResources;
 * `resourceType` `VPC` or `VSWITCH`), at most 20 keys per call.
 */
export async function updateVpcTags(ctx: OperationContext<AlicloudClient>, resourceType: string, id: string, old: TagMap, next: TagMap): Promise<void> {
  const { remove, set } = diffTags(old, next);
  if (remove.length === 0 && Object.keys(set).length === 0) return;
  const api = await ctx.provider.vpc();
  for (const keys of chunks(remove, TAGS_PER_CALL)) {
    const req = new api.sdk.UnTagResourcesRequest({ regionId: api.region, resourceType, resourceId: [id], tagKey: keys });
    await call(ctx, 'UnTagResources', () => api.client.unTagResources(req));
  }
  for (const part of chunks(tagList(set), TAGS_PER_CALL)) {
    const req = new api.sdk.TagResourcesRequest({ regionId: api.region, resourceType, resourceId: [id], tag: part });
    await call(ctx, 'TagResources', () => api.client.tagResources(req));
  }
}
