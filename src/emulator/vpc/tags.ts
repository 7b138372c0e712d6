import { regionOf, tokenPageOf, type CallContext } from '../api.js';
import { InvalidResourceIdNotFound, InvalidResourceTypeNotFound, InvalidTagCount, InvalidTagKeyMalformed, MissingParameter } from '../errors.js';
import { isSystemTagKey, matchesTagFilters, mergeTags, type Tag } from '../params.js';

/** VPC resource types the emulator tags (the wire spells them upper-case). */
const TYPES = { VPC: 'vpcs', VSWITCH: 'vswitches' } as const;
type VpcTagType = keyof typeof TYPES;

function tagType(ctx: CallContext): VpcTagType {
  const raw = ctx.params.required('ResourceType');
  const t = raw.toUpperCase();
  if (!(t in TYPES)) throw new InvalidResourceTypeNotFound(raw);
  return t as VpcTagType;
}

function collection(ctx: CallContext, type: VpcTagType): Record<string, { tags: Tag[] }> {
  return regionOf(ctx).data[TYPES[type]] as Record<string, { tags: Tag[] }>;
}

function targets(ctx: CallContext, coll: Record<string, { tags: Tag[] }>): { tags: Tag[] }[] {
  const ids = ctx.params.list('ResourceId');
  if (ids.length === 0) throw new MissingParameter('ResourceId.1');
  return ids.map((id) => {
    const t = coll[id];
    if (!t) throw new InvalidResourceIdNotFound(id);
    return t;
  });
}

/** TagResources (VPC, ResourceType `VPC`/`VSWITCH`): adds or overwrites up to 20 tags. */
export function tagVpcResources(ctx: CallContext): Record<string, unknown> {
  const type = tagType(ctx);
  const list = targets(ctx, collection(ctx, type));
  const tags = ctx.params.tags();
  if (tags.length === 0) throw new MissingParameter('Tag.1.Key');
  const merged = list.map((t) => mergeTags(t.tags, tags));
  list.forEach((t, i) => (t.tags = merged[i]!));
  return {};
}

/** UnTagResources (VPC): removes `TagKey.N` or, with `All=true`, every user tag. */
export function untagVpcResources(ctx: CallContext): Record<string, unknown> {
  const type = tagType(ctx);
  const list = targets(ctx, collection(ctx, type));
  const keys = ctx.params.list('TagKey');
  const all = ctx.params.bool('All');
  if (keys.length > 20) throw new InvalidTagCount();
  if (keys.length === 0 && !all) throw new MissingParameter('TagKey.1');
  for (const k of keys) if (isSystemTagKey(k)) throw new InvalidTagKeyMalformed(k);
  for (const t of list) t.tags = t.tags.filter((x) => isSystemTagKey(x.key) || (!all && !keys.includes(x.key)));
  return {};
}

/** ListTagResources (VPC): one entry per (resource, tag); `MaxResults` (default 50) and `NextToken`. */
export function listVpcTagResources(ctx: CallContext): Record<string, unknown> {
  const type = tagType(ctx);
  const coll = collection(ctx, type);
  const ids = ctx.params.list('ResourceId');
  const filters = ctx.params.objects('Tag');
  if (ids.length === 0 && filters.length === 0) throw new MissingParameter('ResourceId.1');
  const candidates = ids.length > 0 ? ids.filter((id) => coll[id]) : Object.keys(coll).sort();
  const rows: Record<string, string>[] = [];
  for (const id of candidates) {
    const t = coll[id]!;
    if (!matchesTagFilters(t.tags, filters)) continue;
    for (const tag of t.tags) rows.push({ ResourceId: id, ResourceType: type, TagKey: tag.key, TagValue: tag.value });
  }
  const page = tokenPageOf(ctx, rows, 'MaxResults', 50, 1000);
  const out: Record<string, unknown> = { TagResources: { TagResource: page.items } };
  if (page.NextToken) out['NextToken'] = page.NextToken;
  return out;
}
