import type { Type } from '../../lang/index.js';
import type { BlockSchema, NestedBlockSchema } from '../schema.js';
import { isNonLegacy } from '../schema.js';
import { jsonEqual } from '../text.js';
import {
  allKeys, asCreate, asDelete, asNoOp, defaultAction, isAfterSensitive, isBeforeSensitive, isUnknown, mapChild, matches,
  matchesPartial, sliceChild, sliceOf, explicitKeys, type Change,
} from './change.js';
import { walkSequences } from './sequence.js';
import { combine, type BlockGroup, type Diff, type DiffAction, type DiffNode } from './types.js';

const diff = (node: DiffNode, action: DiffAction, replace = false): Diff => ({ node, action, replace });

/** The action of a single value from its two sides (create, delete, no-op or update). */
function valueAction(c: Change): DiffAction {
  const beforeMissing = c.before === null && !c.beforeExplicit;
  const afterMissing = c.after === null && !c.afterExplicit;
  if (beforeMissing && !afterMissing) return 'create';
  if (afterMissing && !beforeMissing) return 'delete';
  if (jsonEqual(c.before, c.after) && c.beforeExplicit === c.afterExplicit && isAfterSensitive(c) === isBeforeSensitive(c)) return 'noop';
  return 'update';
}

/** Wraps `inner` for a value that is sensitive on either side; undefined when it is not. */
function sensitive(c: Change, inner: (c: Change) => Diff, block: boolean, replace: boolean): Diff | undefined {
  const bs = isBeforeSensitive(c);
  const as = isAfterSensitive(c);
  if (!bs && !as) return undefined;
  const d = inner({ ...c, beforeSensitive: false, afterSensitive: false });
  let action = d.action;
  const nullNoOp = c.before === null && !c.beforeExplicit && c.after === null && !c.afterExplicit;
  if (action === 'noop' && bs !== as && !nullNoOp) action = 'update';
  return diff({ kind: 'sensitive', inner: d, beforeSensitive: bs, afterSensitive: as, block }, action, replace);
}

/** Wraps a value known only after apply; undefined when it is known. */
function unknown(c: Change, beforeDiff: (before: Change) => Diff, childUnknown: unknown, replace: boolean): Diff | undefined {
  if (!isUnknown(c)) return undefined;
  if (c.before === null) return diff({ kind: 'unknown' }, 'create', replace);
  const before = { ...asDelete(c), unknown: childUnknown };
  return diff({ kind: 'unknown', before: beforeDiff(before) }, 'update', replace);
}

// ---- dynamic values: rendered from their JSON shape -----------------------------------------------

type JsonKind = 'null' | 'bool' | 'number' | 'string' | 'object' | 'array';

function jsonKind(v: unknown): JsonKind {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'boolean': return 'bool';
    case 'number': return 'number';
    case 'string': return 'string';
    default: return 'object';
  }
}

/** Computes the diff of a dynamically typed value (and of JSON embedded in strings) from its JSON. */
export function computeJSON(c: Change): Diff {
  const s = sensitive(c, computeJSON, false, false);
  if (s) return s;
  const u = unknown(c, computeJSON, false, false);
  if (u) return u;
  const bk = jsonKind(c.before);
  const ak = jsonKind(c.after);
  const deleted = ak === 'null' && !c.afterExplicit;
  const created = bk === 'null' && !c.beforeExplicit;
  if (bk === ak || created || deleted) return jsonOfKind(c, bk === 'null' ? ak : bk);
  return diff({ kind: 'typeChange', before: jsonOfKind(asDelete(c), bk), after: jsonOfKind(asCreate(c), ak) }, 'update');
}

function jsonOfKind(c: Change, kind: JsonKind): Diff {
  if (kind === 'object') {
    const b = c.before !== null && typeof c.before === 'object' && !Array.isArray(c.before);
    const a = c.after !== null && typeof c.after === 'object' && !Array.isArray(c.after);
    let action: DiffAction = b && !a ? 'delete' : !b && a ? 'create' : 'noop';
    const attrs = new Map<string, Diff>();
    for (const k of allKeys(c)) {
      let child = mapChild(c, k);
      if (!matchesPartial(child.relevant)) child = asNoOp(child);
      const d = computeJSON(child);
      attrs.set(k, d);
      action = combine(action, d.action);
    }
    return diff({ kind: 'object', attrs, nested: false }, action);
  }
  if (kind === 'array') {
    const { before, after } = sliceOf(c);
    let action: DiffAction = before && !after ? 'delete' : !before && after ? 'create' : 'noop';
    const elems: Diff[] = [];
    walkSequences(before ?? [], after ?? [], (b, a) => {
      const d = computeJSON(sliceChild(c, b, a));
      elems.push(d);
      action = combine(action, d.action);
    }, (v) => jsonKind(v) === 'object');
    return diff({ kind: 'list', elems, context: true }, action);
  }
  return diff({ kind: 'primitive', before: c.before, after: c.after, string: kind === 'string' }, valueAction(c));
}

// ---- typed values -----------------------------------------------------------------------------------

/** Computes the diff of a value of a known type (schema attribute). */
export function computeType(c0: Change, type: Type): Diff {
  let c = c0;
  if (!c.nonLegacy) {
    // The legacy SDK cannot tell empty strings from null; Terraform treats them as null there.
    if (c.before === '') c = { ...c, before: null };
    if (c.after === '') c = { ...c, after: null };
  }
  const replace = matches(c.replace);
  const s = sensitive(c, (x) => computeType(x, type), false, replace);
  if (s) return s;
  const u = unknown(c, (x) => computeType(x, type), false, replace);
  if (u) return u;
  if (type === 'dynamic') return computeJSON(c);
  if (typeof type === 'string') return diff({ kind: 'primitive', before: c.before, after: c.after, string: type === 'string' }, valueAction(c), replace);
  switch (type[0]) {
    case 'object': {
      const { attrs, action } = objectAttrs(c, type[1]);
      return diff({ kind: 'object', attrs, nested: false }, action, replace);
    }
    case 'map': {
      let action: DiffAction = defaultAction(c);
      const elems = new Map<string, Diff>();
      for (const k of allKeys(c)) {
        let child = mapChild(c, k);
        if (!matchesPartial(child.relevant)) child = asNoOp(child);
        const d = computeType(child, type[1]);
        elems.set(k, d);
        action = combine(action, d.action);
      }
      return diff({ kind: 'map', elems }, action, replace);
    }
    case 'list': {
      const { before, after } = sliceOf(c);
      let action: DiffAction = before && !after ? 'delete' : !before && after ? 'create' : 'noop';
      const elems: Diff[] = [];
      const objectElems = Array.isArray(type[1]) && type[1][0] === 'object';
      walkSequences(before ?? [], after ?? [], (b, a) => {
        let child = sliceChild(c, b, a);
        if (!matchesPartial(child.relevant)) child = asNoOp(child);
        const d = computeType(child, type[1]);
        elems.push(d);
        action = combine(action, d.action);
      }, () => objectElems);
      return diff({ kind: 'list', elems, context: true }, action, replace);
    }
    case 'tuple': {
      let action: DiffAction = defaultAction(c);
      const elems: Diff[] = [];
      type[1].forEach((et, i) => {
        let child = sliceChild(c, i, i);
        if (!matchesPartial(child.relevant)) child = asNoOp(child);
        const d = computeType(child, et);
        elems.push(d);
        action = combine(action, d.action);
      });
      return diff({ kind: 'list', elems, context: true }, action, replace);
    }
    case 'set': {
      const { elems, action } = setElems(c, (x) => computeType(x, type[1]));
      return diff({ kind: 'set', elems }, action, replace);
    }
  }
}

function objectAttrs(c: Change, types: Readonly<Record<string, Type>>): { attrs: Map<string, Diff>; action: DiffAction } {
  let action: DiffAction = defaultAction(c);
  const attrs = new Map<string, Diff>();
  for (const [k, t] of Object.entries(types)) {
    let child = mapChild(c, k);
    if (!matchesPartial(child.relevant)) child = asNoOp(child);
    child = { ...child, beforeExplicit: false, afterExplicit: false };
    const d = computeType(child, t);
    if (d.action === 'noop' && child.before === null && child.after === null) continue;
    attrs.set(k, d);
    action = combine(action, d.action);
  }
  return { attrs, action };
}

/** Pairs set elements that are equal on both sides, then lists removals and additions. */
function setElems(c: Change, compute: (x: Change) => Diff): { elems: Diff[]; action: DiffAction } {
  const { before = [], after = [] } = { before: sliceOf(c).before, after: sliceOf(c).after };
  let action: DiffAction = defaultAction(c);
  const matchedAfter = new Map<number, number>();
  const matchOf: number[] = [];
  for (let i = 0; i < before.length; i++) {
    let found = -1;
    for (let j = 0; j < after.length; j++) {
      if (matchedAfter.has(j)) continue;
      const child = sliceChild(c, i, j);
      if (jsonEqual(child.before, child.after) && isBeforeSensitive(child) === isAfterSensitive(child) && !child.unknown) {
        found = j;
        matchedAfter.set(j, i);
        // Terraform keeps scanning and lets a later equal element overwrite the pairing.
      }
    }
    matchOf.push(found);
  }
  const elems: Diff[] = [];
  const push = (d: Diff) => {
    elems.push(d);
    action = combine(action, d.action);
  };
  for (let i = 0; i < before.length; i++) push(compute(sliceChild(c, i, matchOf[i]! >= 0 ? matchOf[i]! : after.length)));
  for (let j = 0; j < after.length; j++) if (!matchedAfter.has(j)) push(compute(sliceChild(c, before.length, j)));
  return { elems, action };
}

// ---- blocks ------------------------------------------------------------------------------------------

/** Computes the diff of a block body (a resource, or one nested block) under its schema. */
export function computeBlock(c0: Change, schema: BlockSchema): Diff {
  const replace = matches(c0.replace);
  const s = sensitive(c0, (x) => computeBlock(x, schema), true, replace);
  if (s) return s;
  const childUnknown = Object.fromEntries(Object.keys(schema.attributes).map((k) => [k, true]));
  const u = unknown(c0, (x) => computeBlock(x, schema), childUnknown, replace);
  if (u) return u;
  const c: Change = { ...c0, nonLegacy: c0.nonLegacy || isNonLegacy(schema) };
  let action: DiffAction = defaultAction(c);
  const attrs = new Map<string, Diff>();
  for (const [k, attr] of Object.entries(schema.attributes)) {
    if (attr.writeOnly) continue;
    let child = mapChild(c, k);
    if (!matchesPartial(child.relevant)) child = asNoOp(child);
    child = { ...child, beforeExplicit: false, afterExplicit: false };
    if (attr.sensitive) child = { ...child, beforeSensitive: child.before === null ? child.beforeSensitive : true, afterSensitive: child.after === null && !child.unknown ? child.afterSensitive : true };
    const d = computeType(child, attr.type);
    if (d.action === 'noop' && child.before === null && child.after === null) continue;
    attrs.set(k, d);
    action = combine(action, d.action);
  }
  const blocks = new Map<string, BlockGroup>();
  for (const [k, nb] of Object.entries(schema.blocks)) {
    let child = mapChild(c, k);
    if (!matchesPartial(child.relevant)) child = asNoOp(child);
    const group = blockGroup(child, nb);
    if (!group) continue;
    blocks.set(k, group.group);
    action = combine(action, group.action);
  }
  // Write-only attributes follow the block's action, except that updates do not highlight them.
  for (const [k, attr] of Object.entries(schema.attributes)) {
    if (!attr.writeOnly) continue;
    attrs.set(k, diff({ kind: 'writeOnly', sensitive: isBeforeSensitive(c) || isAfterSensitive(c) }, action === 'update' ? 'noop' : action, replace));
  }
  return diff({ kind: 'block', attrs, blocks }, action, replace);
}

function blockGroup(c: Change, nb: NestedBlockSchema): { group: BlockGroup; action: DiffAction } | undefined {
  const flags = { replace: matches(c.replace), beforeSensitive: isBeforeSensitive(c), afterSensitive: isAfterSensitive(c), unknown: isUnknown(c) };
  const empty = c.before === null && c.after === null && !flags.unknown;
  if (nb.nesting === 'single' || nb.nesting === 'group') {
    const d = computeBlock(c, nb);
    if (d.action === 'noop' && empty) return undefined;
    return { group: { nesting: 'single', items: [d], ...flags }, action: d.action };
  }
  let action: DiffAction = defaultAction(c);
  const items: Diff[] = [];
  const keys: string[] = [];
  if (nb.nesting === 'list') {
    const { before = [], after = [] } = { before: sliceOf(c).before, after: sliceOf(c).after };
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      const d = computeBlock(sliceChild(c, i, i), nb);
      items.push(d);
      action = combine(action, d.action);
    }
  } else if (nb.nesting === 'set') {
    const r = setElems({ ...c, replace: c.replace.always ? c.replace : { paths: c.replace.paths, propagate: true } }, (x) => computeBlock(x, nb));
    items.push(...r.elems);
    action = r.action;
  } else {
    for (const k of explicitKeys(c).sort()) {
      const d = computeBlock(mapChild(c, k), nb);
      items.push(d);
      keys.push(k);
      action = combine(action, d.action);
    }
  }
  if (action === 'noop' && empty) return undefined;
  return { group: { nesting: nb.nesting, items, keys, ...flags }, action };
}

/** Computes the diff of a root output value (dynamically typed). */
export function computeOutput(c: Change): Diff {
  return computeType(c, 'dynamic');
}
