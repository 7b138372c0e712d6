import type { CallContext } from './api.js';
import { InvalidTagCount, InvalidTagKeyMalformed, MissingParameter } from './errors.js';
import { isSystemTagKey, matchesTagFilters, mergeTags, type Tag } from './params.js';

/** Something that carries tags (an image, a VPC, …). */
export interface Tagged {
  tags: Tag[];
}

/**
 * The body of TagResources (ECS and VPC alike): `Tag.N` (at least one) added to or overwriting the
 * tags of every target. `targets` is called after the tag parameters are checked.
 */
export function addTags(ctx: CallContext, targets: () => Tagged[]): void {
  const tags = ctx.params.tags();
  if (tags.length === 0) throw new MissingParameter('Tag.1.Key');
  const list = targets();
  const merged = list.map((t) => mergeTags(t.tags, tags));
  list.forEach((t, i) => (t.tags = merged[i]!));
}

/**
 * The body of UntagResources: removes `TagKey.N` (≤ 20) or, with `All=true`, every user tag; system
 * tags stay. `targets` is called after the key parameters are checked.
 */
export function removeTags(ctx: CallContext, targets: () => Tagged[]): void {
  const keys = ctx.params.list('TagKey');
  const all = ctx.params.bool('All');
  if (keys.length > 20) throw new InvalidTagCount();
  if (keys.length === 0 && !all) throw new MissingParameter('TagKey.1');
  for (const k of keys) if (isSystemTagKey(k)) throw new InvalidTagKeyMalformed(k);
  for (const t of targets()) t.tags = t.tags.filter((x) => isSystemTagKey(x.key) || (!all && !keys.includes(x.key)));
}

/**
 * The rows of ListTagResources, before paging: one per (resource, tag) for the given IDs (unknown
 * ones skipped) and/or the resources matching `Tag.N` filters, in ID order when no IDs are given.
 */
export function tagRows(ctx: CallContext, coll: Readonly<Record<string, Tagged>>, ids: readonly string[], type: string): Record<string, string>[] {
  const filters = ctx.params.objects('Tag');
  if (ids.length === 0 && filters.length === 0) throw new MissingParameter('ResourceId.1');
  const candidates = ids.length > 0 ? ids.filter((id) => coll[id]) : Object.keys(coll).sort();
  const rows: Record<string, string>[] = [];
  for (const id of candidates) {
    const t = coll[id]!;
    if (!matchesTagFilters(t.tags, filters)) continue;
    for (const tag of t.tags) rows.push({ ResourceId: id, ResourceType: type, TagKey: tag.key, TagValue: tag.value });
  }
  return rows;
}
