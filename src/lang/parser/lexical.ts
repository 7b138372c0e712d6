/** A syntax error found while parsing; turned into a diagnostic at the API boundary. */
export class ParseError {
  constructor(
    readonly summary: string,
    readonly detail: string,
    readonly s: number,
    readonly e: number,
  ) {}
}

// Character classes for ASCII: bit 1 = identifier start, bit 2 = identifier part.
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
  ASCII[c] = (letter ? 1 : 0) | (letter || (c >= 48 && c <= 57) || c === 45 ? 2 : 0);
}
const ID_START = /\p{ID_Start}/u;
const ID_CONTINUE = /\p{ID_Continue}/u;

/** True when the character code can start an identifier. */
export function isIdStart(c: number): boolean {
  if (c < 128) return c >= 0 && (ASCII[c]! & 1) !== 0;
  return ID_START.test(String.fromCharCode(c));
}

/** True when the character code can continue an identifier (HCL allows `-`). */
export function isIdPart(c: number): boolean {
  if (c < 128) return c >= 0 && (ASCII[c]! & 2) !== 0;
  return ID_CONTINUE.test(String.fromCharCode(c));
}

/** True for an ASCII digit. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
