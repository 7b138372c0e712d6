import { error, type Diagnostic, type Result } from '../../diag/index.js';
import type { Expression, Type, Value } from '../model.js';
import type { Node } from '../parser/ast.js';
import { compiled } from '../parser/api.js';
import type { Source } from '../parser/source.js';
import { convertValue } from '../values/convert.js';
import { isListType, isMapType, isObjectType, isSetType, isTupleType } from '../values/types.js';
import { O, UNK, I, type V } from '../values/value.js';
import { EvalError } from './context.js';
import { evalNode } from './evaluate.js';

/**
 * Default values of optional object attributes in a type constraint: `attrs` for this object's own
 * attributes, `nested` for the defaults inside attribute types (`*` for collection elements).
 */
export interface TypeDefaults {
  readonly attrs: Readonly<Record<string, Value>>;
  readonly nested: Readonly<Record<string, TypeDefaults>>;
}

class TypeError_ {
  constructor(
    readonly n: Node,
    readonly detail: string,
  ) {}
}

function typeOfNode(n: Node, src: Source, defs: { d?: TypeDefaults }): Type {
  while (n.k === 'paren' || n.k === 'src') n = n.x;
  if (n.k === 'scope' && n.steps.length === 0) {
    switch (n.root) {
      case 'string':
      case 'number':
      case 'bool':
        return n.root;
      case 'any':
        return 'dynamic';
    }
    throw new TypeError_(n, `The keyword "${n.root}" is not a valid type specification.`);
  }
  if (n.k !== 'call') throw new TypeError_(n, 'A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).');
  const one = (): Node => {
    if (n.args.length !== 1) throw new TypeError_(n, `The ${n.name} type constructor requires one argument specifying the element type.`);
    return n.args[0]!;
  };
  switch (n.name) {
    case 'list':
    case 'set':
    case 'map': {
      const sub: { d?: TypeDefaults } = {};
      const et = typeOfNode(one(), src, sub);
      if (sub.d) defs.d = { attrs: {}, nested: { '*': sub.d } };
      return [n.name, et] as Type;
    }
    case 'tuple': {
      const a = one();
      if (a.k !== 'tuple') throw new TypeError_(a, 'The tuple type constructor requires a list of element types.');
      return ['tuple', a.items.map((x) => typeOfNode(x, src, {}))];
    }
    case 'object': {
      const a = one();
      if (a.k !== 'object') throw new TypeError_(a, 'The object type constructor requires one argument specifying the attribute types as a map.');
      const attrs: Record<string, Type> = {};
      const optional: string[] = [];
      const defaults: Record<string, Value> = {};
      const nested: Record<string, TypeDefaults> = {};
      for (const it of a.items) {
        let k: Node = it.key;
        while (k.k === 'paren') k = k.x;
        const name = it.ident && k.k === 'scope' ? k.root : k.k === 'lit' && typeof k.val.v === 'string' ? k.val.v : undefined;
        if (name === undefined) throw new TypeError_(it.key, 'Object constructor map keys must be attribute names.');
        let tn = it.val;
        const sub: { d?: TypeDefaults } = {};
        if (tn.k === 'call' && tn.name === 'optional') {
          if (tn.args.length < 1 || tn.args.length > 2) throw new TypeError_(tn, 'Optional attribute modifier expects one or two arguments.');
          optional.push(name);
          attrs[name] = typeOfNode(tn.args[0]!, src, sub);
          if (tn.args[1]) {
            const dv = evalNode(tn.args[1], { scope: { get: () => undefined, baseDir: '.' }, src, locals: new Map(), anon: undefined });
            defaults[name] = O(convertValue(dv, attrs[name]!));
          }
        } else attrs[name] = typeOfNode((tn = it.val), src, sub);
        if (sub.d) nested[name] = sub.d;
      }
      if (Object.keys(defaults).length || Object.keys(nested).length) defs.d = { attrs: defaults, nested };
      return optional.length ? ['object', attrs, optional.sort()] : ['object', attrs];
    }
  }
  throw new TypeError_(n, `Keyword "${n.name}" is not a valid type constructor.`);
}

/** Parses a type constraint expression (`list(string)`, `object({a=optional(number, 1)})`, `any`). */
export function parseTypeConstraint(expr: Expression): Result<{ type: Type; defaults?: TypeDefaults }> {
  const c = compiled(expr);
  let src = c.src;
  let n = c.node;
  while (n.k === 'src') {
    src = n.src;
    n = n.x;
  }
  const defs: { d?: TypeDefaults } = {};
  try {
    const type = typeOfNode(n, src, defs);
    return { value: defs.d ? { type, defaults: defs.d } : { type }, diagnostics: [] };
  } catch (e) {
    let d: Diagnostic;
    if (e instanceof TypeError_) d = error('Invalid type specification', e.detail, { subject: src.range(e.n.s, e.n.e) });
    else if (e instanceof EvalError) d = e.diag;
    else throw e;
    return { value: { type: 'dynamic' }, diagnostics: [d] };
  }
}

/** Fills null optional attributes from type-constraint defaults (after conversion to the type). */
export function applyTypeDefaults(value: Value, defaults: TypeDefaults): Value {
  const go = (v: V, d: TypeDefaults): V => {
    const r = v.v;
    if (r === null || r === UNK) return v;
    if (r instanceof Map && isObjectType(v.t)) {
      const m = new Map(r);
      for (const [k, x] of m) {
        let nx = x;
        if (nx.v === null && d.attrs[k] !== undefined) nx = I(d.attrs[k]!);
        if (d.nested[k]) nx = go(nx, d.nested[k]!);
        m.set(k, nx);
      }
      const ty: Record<string, Type> = {};
      for (const [k, x] of m) ty[k] = x.t;
      return { t: ['object', ty], v: m, ...(v.s ? { s: true } : {}) };
    }
    const star = d.nested['*'];
    if (!star) return v;
    if (Array.isArray(r) && (isListType(v.t) || isSetType(v.t) || isTupleType(v.t))) return { ...v, v: r.map((x) => go(x, star)) };
    if (r instanceof Map && isMapType(v.t)) return { ...v, v: new Map([...r].map(([k, x]) => [k, go(x, star)])) };
    return v;
  };
  return O(go(I(value), defaults));
}
