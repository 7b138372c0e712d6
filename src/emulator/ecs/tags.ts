import { regionOf, type CallContext } from '../api.js';
import { InvalidResourceIdNotFound, InvalidResourceTypeNotFound, InvalidTagCount, InvalidTagKeyMalformed, MissingParameter } from '../errors.js';
import { isSystemTagKey, matchesTagFilters, mergeTags, type Tag } from '../params.js';
import type { RegionBackend } from '../store.js';

/** ECS resource types the emulator tags, and their collections. */
const TYPES = { image: 'images', instance: 'instances', securitygroup: 'securityGroups', snapshot: 'snapshots' } as const;
type EcsTagType = keyof typeof TYPES;

function tagType(ctx: CallContext): EcsTagType {
  const raw = ctx.params.required('ResourceType');
  const t = raw.toLowerCase();
  if (!(t in TYPES)) throw new InvalidResourceTypeNotFound(raw);
  return t as EcsTagType;
}

function tagged(r: RegionBackend, type: EcsTagType, id: string): { tags: Tag[] } | undefined {
  return (r.data[TYPES[type]] as Record<string, { tags: Tag[] }>)[id];
}

function resourceIds(ctx: CallContext, required: boolean): string[] {
  const ids = ctx.params.list('ResourceId');
  if (required && ids.length === 0) throw new MissingParameter('ResourceId.1');
  if (ids.length > 50) throw new InvalidResourceIdNotFound(ids[50]!);
  return ids;
}

/** TagResources (ECS): adds or overwrites up to 20 tags on up to 50 resources; all resources must exist. */
export function tagResources(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const type = tagType(ctx);
  const ids = resourceIds(ctx, true);
  const tags = ctx.params.tags();
  if (tags.length === 0) throw new MissingParameter('Tag.1.Key');
  const targets = ids.map((id) => tagged(r, type, id) ?? raise(new InvalidResourceIdNotFound(id)));
  const merged = targets.map((t) => mergeTags(t.tags, tags));
  targets.forEach((t, i) => (t.tags = merged[i]!));
  return {};
}

/** UntagResources (ECS): removes `TagKey.N` (≤ 20) or, with `All=true`, every user tag; system tags stay. */
export function untagResources(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const type = tagType(ctx);
  const ids = resourceIds(ctx, true);
  const keys = ctx.params.list('TagKey');
  const all = ctx.params.bool('All');
  if (keys.length > 20) throw new InvalidTagCount();
  if (keys.length === 0 && !all) throw new MissingParameter('TagKey.1');
  for (const k of keys) if (isSystemTagKey(k)) throw new InvalidTagKeyMalformed(k);
  const targets = ids.map((id) => tagged(r, type, id) ?? raise(new InvalidResourceIdNotFound(id)));
  for (const t of targets) t.tags = t.tags.filter((x) => isSystemTagKey(x.key) || (!all && !keys.includes(x.key)));
  return {};
}

/**
 * ListTagResources (ECS): one entry per (resource, tag) for `ResourceId.N` and/or resources matching
 * `Tag.N` filters; 50 entries per page, `NextToken` absent on the last page. Unknown IDs are skipped.
 */
export function listTagResources(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const type = tagType(ctx);
  const ids = resourceIds(ctx, false);
  const filters = ctx.params.objects('Tag');
  if (ids.length === 0 && filters.length === 0) throw new MissingParameter('ResourceId.1');
  const coll = r.data[TYPES[type]] as Record<string, { tags: Tag[] }>;
  const candidates = ids.length > 0 ? ids.filter((id) => coll[id]) : Object.keys(coll).sort();
  const rows: Record<string, string>[] = [];
  for (const id of candidates) {
    const t = coll[id]!;
    if (!matchesTagFilters(t.tags, filters)) continue;
    for (const tag of t.tags) rows.push({ ResourceId: id, ResourceType: type, TagKey: tag.key, TagValue: tag.value });
  }
  const tok = ctx.params.str('NextToken');
  const start = tok ? Number(Buffer.from(tok, 'base64url').toString().replace(/^emu-/, '')) || 0 : 0;
  const end = start + 50;
  const out: Record<string, unknown> = { TagResources: { TagResource: rows.slice(start, end) } };
  if (end < rows.length) out['NextToken'] = Buffer.from(`emu-${end}`).toString('base64url');
  return out;
}

function raise(e: Error): never {
  throw e;
}
