import { regionOf, type CallContext } from '../api.js';
import { InvalidResourceIdNotFound, InvalidResourceTypeNotFound, MissingParameter } from '../errors.js';
import type { Tag } from '../params.js';
import { addTags, removeTags, tagRows, type Tagged } from '../tagging.js';
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
  addTags(ctx, () => ids.map((id) => tagged(r, type, id) ?? raise(new InvalidResourceIdNotFound(id))));
  return {};
}

/** UntagResources (ECS): removes `TagKey.N` (≤ 20) or, with `All=true`, every user tag; system tags stay. */
export function untagResources(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const type = tagType(ctx);
  const ids = resourceIds(ctx, true);
  removeTags(ctx, () => ids.map((id) => tagged(r, type, id) ?? raise(new InvalidResourceIdNotFound(id))));
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
  const rows = tagRows(ctx, r.data[TYPES[type]] as Record<string, Tagged>, ids, type);
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
