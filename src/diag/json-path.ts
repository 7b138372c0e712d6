/** One open container while scanning: an object (with the key being read) or an array (with the index). */
type Frame = { kind: 'object'; key: string | undefined } | { kind: 'array'; index: number };

/** Characters that may follow a scalar token (number, true, false, null) in JSON. */
const SCALAR_END = /[\s,\]}:]/;

/**
 * The JSON path of the value at a position in a JSON text, written as Terraform writes JSON
 * configuration contexts (`resource.alicloud_vswitch.default.zone_id`, `provider.alicloud[1].region`,
 * `["odd key"]` for keys that are not identifiers). A position on a key, or anywhere in that key's
 * value, gives the path ending with that key; a position between properties gives the enclosing
 * object's path. Returns undefined for the top-level value, for positions outside the text and for
 * text that stops being JSON before the position (the scan is lenient: it never throws). `line` and
 * `column` are 1-based; columns count UTF-16 units, as the configuration loader counts them.
 */
export function jsonPathAt(text: string, line: number, column: number): string | undefined {
  const target = offsetOf(text, line, column);
  if (target === undefined) return undefined;
  const stack: Frame[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  /** True after a key and before its colon, in the innermost object. */
  let inKey = false;
  const valueStarts = (): void => {
    const top = stack[stack.length - 1];
    if (top?.kind === 'array') top.index++;
  };
  const valueEnds = (): void => {
    const top = stack[stack.length - 1];
    if (top?.kind === 'object') top.key = undefined;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (i >= target) return format(stack);
      i++;
      continue;
    }
    const top = stack[stack.length - 1];
    if (c === '"') {
      const end = stringEnd(text, i);
      const expectingKey = top?.kind === 'object' && top.key === undefined && !inKey;
      if (expectingKey) {
        const key = parseString(text.slice(i, end));
        if (key === undefined) return undefined;
        top.key = key;
        inKey = true;
      } else valueStarts();
      if (target < end) return format(stack);
      if (!expectingKey) valueEnds();
      i = end;
      continue;
    }
    if (c === ':') {
      if (i >= target) return format(stack);
      inKey = false;
      i++;
      continue;
    }
    if (c === ',') {
      if (i >= target) return format(stack);
      if (top?.kind === 'object') top.key = undefined;
      i++;
      continue;
    }
    if (c === '{' || c === '[') {
      valueStarts();
      if (i >= target) return format(stack);
      stack.push(c === '{' ? { kind: 'object', key: undefined } : { kind: 'array', index: -1 });
      i++;
      continue;
    }
    if (c === '}' || c === ']') {
      if (i >= target) return format(stack);
      stack.pop();
      valueEnds();
      i++;
      continue;
    }
    // A scalar: number, true, false or null (anything else is scanned the same way).
    let end = i + 1;
    while (end < text.length && !SCALAR_END.test(text[end]!)) end++;
    valueStarts();
    if (target < end) return format(stack);
    valueEnds();
    i = end;
  }
  return undefined;
}

/** The 0-based offset of a 1-based line and column, or undefined when the line does not exist. */
function offsetOf(text: string, line: number, column: number): number | undefined {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return undefined;
    at = nl + 1;
  }
  return at + Math.max(0, column - 1);
}

/** The offset just past the string starting at `start` (its closing quote, or the end of the text). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else if (c === '\n') return i;
    else i++;
  }
  return text.length;
}

/** The value of a JSON string literal, or undefined when it is not one. */
function parseString(literal: string): string | undefined {
  try {
    const v: unknown = JSON.parse(literal);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function format(stack: readonly Frame[]): string | undefined {
  let out = '';
  for (const f of stack) {
    if (f.kind === 'array') {
      if (f.index >= 0) out += `[${f.index}]`;
    } else if (f.key !== undefined) {
      out += IDENT.test(f.key) ? (out ? `.${f.key}` : f.key) : `[${JSON.stringify(f.key)}]`;
    }
  }
  return out || undefined;
}
