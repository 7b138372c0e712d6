import type { BlockSchema } from '../../schema/index.js';
import type { Attribute, Block, Body, DynamicBlock } from '../model.js';
import type { PEntry, PNode, PObject } from '../source/pnode.js';
import type { FileContext } from './context.js';

/** What the body splitter needs from a schema: which names are nested blocks, and their schemas. */
export interface BodyShape {
  readonly blocks: Readonly<Record<string, BlockSchema>>;
}

/** True when a value looks like one or more blocks in JSON form (an object, or an array of objects). */
function blockish(v: PNode): boolean {
  if (v.kind === 'object') return true;
  return v.kind === 'array' && v.items.length > 0 && v.items.every((i) => i.kind === 'object');
}

/**
 * Builds a Body from body entries: names the schema marks as blocks (`x-block`) become nested blocks
 * (object or array-of-objects forms), `dynamic "type" { … }` becomes a DynamicBlock, everything else
 * an argument. Without a schema (unknown type), values written as HCL blocks become blocks and the
 * rest arguments. Names listed in `skip` (meta-arguments handled by the caller) are left out.
 */
export function buildBody(ctx: FileContext, obj: PObject, entries: readonly PEntry[], shape: BodyShape | undefined, context: string, skip: ReadonlySet<string> = new Set()): Body {
  const attributes: Record<string, Attribute> = {};
  const blocks: Block[] = [];
  const dynamic: DynamicBlock[] = [];
  for (const e of entries) {
    if (skip.has(e.key)) continue;
    if (e.key === 'dynamic' && (e.syntax === 'block' || (e.syntax === undefined && blockish(e.value) && !shape?.blocks.dynamic))) {
      for (const d of ctx.blocks(e.value, 1, e.keyLoc, 'dynamic')) dynamic.push(buildDynamic(ctx, d.labels[0]!, d.body, d.loc, shape, context));
      continue;
    }
    const bs = shape?.blocks[e.key];
    const asBlock = bs ? e.syntax !== 'attr' : e.syntax === 'block';
    if (asBlock) {
      for (const b of ctx.blocks(e.value, 0, e.keyLoc, e.key)) {
        blocks.push({ type: e.key, labels: [], body: buildBody(ctx, b.body, ctx.entries(b.body, context), bs, context), range: ctx.range(b.loc) });
      }
      continue;
    }
    attributes[e.key] = ctx.attribute(e.key, e.value, e.keyLoc, context);
  }
  return { attributes, blocks, dynamic, range: ctx.range(obj.loc) };
}

function buildDynamic(ctx: FileContext, type: string, body: PObject, loc: PObject['loc'], shape: BodyShape | undefined, context: string): DynamicBlock {
  const entries = ctx.entries(body, context);
  const get = (k: string): PEntry | undefined => entries.find((e) => e.key === k);
  const forEach = get('for_each');
  const content = get('content');
  const iter = get('iterator');
  let iterator = type;
  if (iter) {
    const t = ctx.traversal(iter.value, 'The iterator of a dynamic block', context);
    if (t && t.parts.length === 1 && typeof t.parts[0] === 'string') iterator = t.parts[0];
    else if (t) ctx.error('Invalid dynamic iterator name', 'The iterator must be a single name, such as "item".', iter.keyLoc, context);
  }
  for (const e of entries) {
    if (!['for_each', 'content', 'iterator', 'labels'].includes(e.key)) ctx.error('Unsupported argument', `An argument named "${e.key}" is not expected in a dynamic block.`, e.keyLoc, context);
  }
  if (!forEach) ctx.error('Missing required argument', 'The argument "for_each" is required, but no definition was found.', loc, context);
  if (!content) ctx.error('Missing required block', 'A dynamic block needs a "content" block, but none was found.', loc, context);
  const contentBlocks = content ? ctx.blocks(content.value, 0, content.keyLoc, 'content') : [];
  const c = contentBlocks[0];
  if (contentBlocks.length > 1) ctx.error('Duplicate content block', 'A dynamic block may have only one "content" block.', contentBlocks[1]!.loc, context);
  const inner = shape?.blocks[type];
  const contentBody = c
    ? buildBody(ctx, c.body, ctx.entries(c.body, context), inner, context)
    : { attributes: {}, blocks: [], dynamic: [], range: ctx.range(loc) };
  return {
    type,
    forEach: forEach ? ctx.expr(forEach.value, context) : ctx.expr({ kind: 'scalar', loc, value: null }),
    iterator,
    content: contentBody,
    range: ctx.range(loc),
  };
}
