import type { InstanceKey } from './keys.js';

/** One step of a parsed address: a name (`.name`) or an index (`[0]`, `["k"]`). */
export type Step = { readonly name: string } | { readonly key: Exclude<InstanceKey, undefined> };

/**
 * Splits an address string such as `module.a["x"].aws_b.c[0]` into steps. Returns an error message
 * instead of steps when the text is not an address.
 */
export function splitSteps(text: string): { steps: Step[] } | { error: string } {
  const steps: Step[] = [];
  let i = 0;
  const n = text.length;
  const ident = /[A-Za-z_][A-Za-z0-9_-]*/y;
  let expectName = true;
  while (i < n) {
    if (expectName) {
      ident.lastIndex = i;
      const m = ident.exec(text);
      if (!m) return { error: `Expected a name at position ${i + 1} of "${text}".` };
      steps.push({ name: m[0] });
      i += m[0].length;
      expectName = false;
      continue;
    }
    const c = text[i];
    if (c === '.') {
      i++;
      expectName = true;
      continue;
    }
    if (c === '[') {
      const close = findClose(text, i);
      if (close < 0) return { error: `Unclosed "[" in "${text}".` };
      const inner = text.slice(i + 1, close).trim();
      if (/^[0-9]+$/.test(inner)) steps.push({ key: Number(inner) });
      else if (inner.startsWith('"')) {
        try {
          const v: unknown = JSON.parse(inner);
          if (typeof v !== 'string') return { error: `Invalid index in "${text}".` };
          steps.push({ key: v });
        } catch {
          return { error: `Invalid quoted key ${inner} in "${text}".` };
        }
      } else return { error: `Index must be a whole number or a quoted string in "${text}".` };
      i = close + 1;
      continue;
    }
    return { error: `Unexpected "${c}" at position ${i + 1} of "${text}".` };
  }
  if (expectName && n > 0) return { error: `Address "${text}" ends with ".".` };
  if (n === 0) return { error: 'The address is empty.' };
  return { steps };
}

function findClose(text: string, open: number): number {
  let inString = false;
  for (let j = open + 1; j < text.length; j++) {
    const c = text[j];
    if (inString) {
      if (c === '\\') j++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === ']') return j;
  }
  return -1;
}
