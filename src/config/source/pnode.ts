/**
 * Positioned JSON: the common shape every configuration file is read into before the model is built.
 * JSON and YAML files give exact positions for every key and value; HCL files (through hcl2json) get
 * the positions of block headers and argument names found by scanning the text.
 */

/** A 1-based line and column (and a 0-based byte offset when known). */
export interface Loc {
  readonly line: number;
  readonly column: number;
  readonly byte?: number;
}

/** A JSON value with its position. Object entries keep their order and any duplicate keys. */
export type PNode = PObject | PArray | PScalar;

/** An object: entries in source order. */
export interface PObject {
  readonly kind: 'object';
  readonly loc: Loc;
  readonly entries: readonly PEntry[];
}

/** One key of an object, with the key's own position. */
export interface PEntry {
  readonly key: string;
  readonly keyLoc: Loc;
  readonly value: PNode;
  /** How HCL wrote it (`x = …` or `x { … }`); absent for JSON and YAML, where the schema decides. */
  readonly syntax?: 'attr' | 'block';
}

/** An array. */
export interface PArray {
  readonly kind: 'array';
  readonly loc: Loc;
  readonly items: readonly PNode[];
}

/** A string, number, bool or null. */
export interface PScalar {
  readonly kind: 'scalar';
  readonly loc: Loc;
  readonly value: string | number | boolean | null;
}

/** Deepest nesting of values accepted in any configuration file. */
export const MAX_DEPTH = 200;

/**
 * The plain JSON value of a node: objects become plain objects (the last of duplicate keys wins;
 * keys are stored as own properties, so `__proto__` is an ordinary key), arrays arrays, scalars
 * themselves.
 */
export function toPlain(n: PNode): unknown {
  switch (n.kind) {
    case 'scalar':
      return n.value;
    case 'array':
      return n.items.map(toPlain);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const e of n.entries) Object.defineProperty(out, e.key, { value: toPlain(e.value), enumerable: true, writable: true, configurable: true });
      return out;
    }
  }
}

/** Builds a node from a plain JSON value, every position set to `loc`. */
export function fromPlain(v: unknown, loc: Loc): PNode {
  if (Array.isArray(v)) return { kind: 'array', loc, items: v.map((x) => fromPlain(x, loc)) };
  if (v !== null && typeof v === 'object') {
    return { kind: 'object', loc, entries: Object.entries(v as Record<string, unknown>).map(([key, x]) => ({ key, keyLoc: loc, value: fromPlain(x, loc) })) };
  }
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) return { kind: 'scalar', loc, value: v };
  return { kind: 'scalar', loc, value: null };
}

/** Nesting depth of a plain value, counted without recursion; stops counting past `limit`. */
export function plainDepth(v: unknown, limit = MAX_DEPTH + 1): number {
  let max = 0;
  const stack: [unknown, number][] = [[v, 1]];
  while (stack.length) {
    const [x, d] = stack.pop()!;
    if (d > max) max = d;
    if (max >= limit) return max;
    if (x && typeof x === 'object') for (const c of Object.values(x as Record<string, unknown>)) if (c && typeof c === 'object') stack.push([c, d + 1]);
  }
  return max;
}
