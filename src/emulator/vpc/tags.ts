import { regionOf, tokenPageOf, type CallContext } from '../api.js';
import { InvalidResourceIdNotFound, InvalidResourceTypeNotFound, MissingParameter } from '../errors.js';
import type { Tag } from '../params.js';
import { addTags, removeTags, tagRows } from '../tagging.js';

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
  addTags(ctx, () => list);
  return {};
}

/** UnTagResources (VPC): removes `TagKey.N` or, with `All=true`, every user tag. */
export function untagVpcResources(ctx: CallContext): Record<string, unknown> {
  const type = tagType(ctx);
  const list = targets(ctx, collection(ctx, type));
  removeTags(ctx, () => list);
  return {};
}

/** ListTagResources (VPC): one entry per (resource, tag); `MaxResults` (default 50) and `NextToken`. */
export function listVpcTagResources(ctx: CallContext): Record<string, unknown> {
  const type = tagType(ctx);
  const coll = collection(ctx, type);
  const rows = tagRows(ctx, coll, ctx.params.list('ResourceId'), type);
  const page = tokenPageOf(ctx, rows, 'MaxResults', 50, 1000);
  const out: Record<string, unknown> = { TagResources: { TagResource: page.items } };
  if (page.NextToken) out['NextToken'] = page.NextToken;
  return out;
}
