/** An instance key: a `count` index, a `for_each` key, or none. */
export type InstanceKey = number | string | undefined;

/** Formats an instance key as Terraform does: `[0]`, `["a"]`, or the empty string. */
export function formatKey(key: InstanceKey): string {
  if (key === undefined) return '';
  if (typeof key === 'number') return `[${key}]`;
  return `[${quoteString(key)}]`;
}

/** Quotes a string with HCL's escapes (`"`, `\`, control characters, and `${`/`%{` template starts). */
export function quoteString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const code = c.charCodeAt(0);
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if ((c === '$' || c === '%') && s[i + 1] === '{') out += c + c;
    else if (code < 0x20) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return out + '"';
}

/** Compares two instance keys in Terraform's order: no key, then numbers ascending, then strings. */
export function compareKeys(a: InstanceKey, b: InstanceKey): number {
  const rank = (k: InstanceKey) => (k === undefined ? 0 : typeof k === 'number' ? 1 : 2);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return 0;
}
