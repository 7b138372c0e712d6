import type { Node } from '../parser/ast.js';
import { convertValue, ConversionError } from '../values/convert.js';
import { UNK, str, unknownOf, withMark, type V } from '../values/value.js';
import { evalNode, fail, ownLocals, type Ctx } from './context.js';
import { iterate } from './for.js';

/** Evaluates a template's parts into a string (unknown when any part is unknown). */
export function template(ctx: Ctx, parts: readonly Node[]): V {
  const st = { text: '', unknown: false, marked: false };
  appendParts(ctx, parts, st);
  const out: V = st.unknown ? unknownOf('string') : str(st.text);
  return st.marked ? withMark(out) : out;
}

function appendParts(ctx: Ctx, parts: readonly Node[], st: { text: string; unknown: boolean; marked: boolean }): void {
  for (const p of parts) {
    if (p.k === 'lit' && p.val.t === 'string') {
      st.text += p.val.v as string;
      continue;
    }
    if (p.k === 'tif') {
      const c = evalNode(p.cond, ctx);
      if (c.s) st.marked = true;
      if (c.v === null) fail(ctx, p.cond, 'Null condition', 'The condition value is null. Conditions must either be true or false.');
      let b: V;
      try {
        b = convertValue(c, 'bool');
      } catch (e) {
        if (!(e instanceof ConversionError)) throw e;
        return fail(ctx, p.cond, 'Incorrect condition type', 'The condition expression must be of type bool.');
      }
      if (b.v === UNK) {
        st.unknown = true;
        continue;
      }
      appendParts(ctx, b.v ? p.then : p.else, st);
      continue;
    }
    if (p.k === 'tfor') {
      const coll = evalNode(p.coll, ctx);
      if (coll.s) st.marked = true;
      const pairs = iterate(ctx, p.coll, coll);
      if (!pairs) {
        st.unknown = true;
        continue;
      }
      const L = ownLocals(ctx);
      const savedK = p.keyVar !== undefined ? L.get(p.keyVar) : undefined;
      const savedV = L.get(p.valVar);
      for (const [k, v] of pairs) {
        if (p.keyVar !== undefined) L.set(p.keyVar, k);
        L.set(p.valVar, v);
        appendParts(ctx, p.body, st);
      }
      if (p.keyVar !== undefined) {
        if (savedK === undefined) L.delete(p.keyVar);
        else L.set(p.keyVar, savedK);
      }
      if (savedV === undefined) L.delete(p.valVar);
      else L.set(p.valVar, savedV);
      continue;
    }
    const v = evalNode(p, ctx);
    if (v.s) st.marked = true;
    if (v.v === null) fail(ctx, p, 'Invalid template interpolation value', 'The expression result is null. Cannot include a null value in a string template.');
    if (v.v === UNK) {
      if (v.t !== 'dynamic' && v.t !== 'string' && v.t !== 'number' && v.t !== 'bool') {
        fail(ctx, p, 'Invalid template interpolation value', 'Cannot include the given value in a string template: string required.');
      }
      st.unknown = true;
      continue;
    }
    if (v.t === 'string') st.text += v.v as string;
    else {
      try {
        st.text += convertValue(v, 'string').v as string;
      } catch (e) {
        if (!(e instanceof ConversionError)) throw e;
        fail(ctx, p, 'Invalid template interpolation value', 'Cannot include the given value in a string template: string required.');
      }
    }
  }
}
