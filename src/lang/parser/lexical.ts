/** A syntax error found while parsing; turned into a diagnostic at the API boundary. */
export class ParseError {
  constructor(
    readonly summary: string,
    readonly detail: string,
    readonly s: number,
    readonly e: number,
  ) {}
}

/** True when the character code can start an identifier. */
export const isIdStart = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c > 127 && /\p{ID_Start}/u.test(String.fromCharCode(c)));
/** True when the character code can continue an identifier (HCL allows `-`). */
export const isIdPart = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 ||
  (c > 127 && /\p{ID_Continue}/u.test(String.fromCharCode(c)));
/** True for an ASCII digit. */
export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
