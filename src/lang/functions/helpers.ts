import { toDouble, toSafeInt, type Num } from '../values/number.js';
import { UNK, type V } from '../values/value.js';
import { ArgError } from './types.js';

/** The string payload of a (converted, known) argument. */
export const S = (v: V): string => v.v as string;
/** The number payload of a (converted, known) argument. */
export const N = (v: V): Num => v.v as Num;
/** The bool payload of a (converted, known) argument. */
export const B = (v: V): boolean => v.v as boolean;
/** The elements of a sequence argument. */
export const L = (v: V): V[] => (v.v === null || v.v === UNK ? [] : (v.v as V[]));
/** The entries of a map/object argument. */
export const M = (v: V): Map<string, V> => v.v as Map<string, V>;
/** A number argument as a double. */
export const D = (v: V): number => toDouble(v.v as Num);
/** A whole-number argument, or an ArgError for argument `i`. */
export function intArg(v: V, i: number, what = 'value must be a whole number'): number {
  const n = toSafeInt(v.v as Num);
  if (n === undefined) throw new ArgError(i, what);
  return n;
}

const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Unicode grapheme clusters of a string (Terraform counts and slices strings by them). */
export function graphemes(s: string): string[] {
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u007f]*$/.test(s)) return s.split('');
  return Array.from(seg.segment(s), (x) => x.segment);
}

