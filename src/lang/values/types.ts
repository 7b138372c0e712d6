import type { Type } from '../model.js';

/** True when `t` is `['list', …]`. */
export const isListType = (t: Type): t is readonly ['list', Type] => typeof t !== 'string' && t[0] === 'list';
/** True when `t` is `['set', …]`. */
export const isSetType = (t: Type): t is readonly ['set', Type] => typeof t !== 'string' && t[0] === 'set';
/** True when `t` is `['map', …]`. */
export const isMapType = (t: Type): t is readonly ['map', Type] => typeof t !== 'string' && t[0] === 'map';
/** True when `t` is `['tuple', …]`. */
export const isTupleType = (t: Type): t is readonly ['tuple', readonly Type[]] => typeof t !== 'string' && t[0] === 'tuple';
/** True when `t` is an object type (with or without optional attributes). */
export const isObjectType = (
  t: Type,
): t is readonly ['object', Readonly<Record<string, Type>>] | readonly ['object', Readonly<Record<string, Type>>, readonly string[]] =>
  typeof t !== 'string' && t[0] === 'object';
/** True for list, set and map types (one element type). */
export const isCollectionType = (t: Type): t is readonly ['list' | 'set' | 'map', Type] =>
  typeof t !== 'string' && (t[0] === 'list' || t[0] === 'set' || t[0] === 'map');
/** True for string, number and bool. */
export const isPrimitiveType = (t: Type): boolean => t === 'string' || t === 'number' || t === 'bool';

/** The element type of a list, set or map type. */
export function elementType(t: Type): Type {
  return (t as readonly [string, Type])[1];
}

/** Structural equality of two type expressions (optional-attribute lists included). */
export function typeEquals(a: Type, b: Type): boolean {
  if (a === b) return true;
  if (typeof a === 'string' || typeof b === 'string') return false;
  if (a[0] !== b[0]) return false;
  switch (a[0]) {
    case 'list':
    case 'set':
    case 'map':
      return typeEquals(a[1], b[1] as Type);
    case 'tuple': {
      const x = a[1];
      const y = b[1] as readonly Type[];
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) if (!typeEquals(x[i]!, y[i]!)) return false;
      return true;
    }
    case 'object': {
      const x = a[1];
      const y = b[1] as Readonly<Record<string, Type>>;
      const kx = Object.keys(x);
      if (kx.length !== Object.keys(y).length) return false;
      for (const k of kx) if (!(k in y) || !typeEquals(x[k]!, y[k]!)) return false;
      const ox = (a as readonly unknown[])[2] as readonly string[] | undefined;
      const oy = (b as readonly unknown[])[2] as readonly string[] | undefined;
      if ((ox?.length ?? 0) !== (oy?.length ?? 0)) return false;
      return !ox || ox.every((n) => oy!.includes(n));
    }
  }
  return false;
}

/** True when the type contains `dynamic` anywhere. */
export function hasDynamic(t: Type): boolean {
  if (t === 'dynamic') return true;
  if (typeof t === 'string') return false;
  switch (t[0]) {
    case 'tuple':
      return t[1].some(hasDynamic);
    case 'object':
      return Object.values(t[1]).some(hasDynamic);
    default:
      return hasDynamic(t[1]);
  }
}

/** Terraform's friendly name of a type, as used in error messages (`list of string`, `object`). */
export function typeFriendlyName(t: Type): string {
  if (typeof t === 'string') return t === 'dynamic' ? 'dynamic' : t;
  switch (t[0]) {
    case 'list':
      return `list of ${typeFriendlyName(t[1])}`;
    case 'set':
      return `set of ${typeFriendlyName(t[1])}`;
    case 'map':
      return `map of ${typeFriendlyName(t[1])}`;
    case 'tuple':
      return 'tuple';
    case 'object':
      return 'object';
  }
  return 'dynamic';
}

/** Terraform's type-constraint syntax for a type (`list(string)`, `object({a=number})`). */
export function typeString(t: Type): string {
  if (typeof t === 'string') return t === 'dynamic' ? 'any' : t;
  switch (t[0]) {
    case 'list':
    case 'set':
    case 'map':
      return `${t[0]}(${typeString(t[1])})`;
    case 'tuple':
      return `tuple([${t[1].map(typeString).join(', ')}])`;
    case 'object': {
      const keys = Object.keys(t[1]).sort();
      return `object({${keys.map((k) => `${k}=${typeString(t[1][k]!)}`).join(', ')}})`;
    }
  }
  return 'any';
}
