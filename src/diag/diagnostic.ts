/** Severity of a diagnostic; errors stop the operation, warnings never do. */
export type Severity = 'error' | 'warning';

/** A position in a source file: 1-based line and column, 0-based byte offset when known. */
export interface Pos {
  readonly line: number;
  readonly column: number;
  readonly byte?: number;
}

/** A source range: the file (relative to the working directory where possible) and start/end positions. */
export interface SourceRange {
  readonly file: string;
  readonly start: Pos;
  readonly end?: Pos;
}

/** One value shown under a diagnostic's source snippet, e.g. `var.n is "abc"`. */
export interface ExpressionValue {
  readonly traversal: string;
  readonly statement: string;
}

/**
 * A user-facing problem. `summary` is a short stable Title-case phrase that tests assert on;
 * `detail` is full sentences saying what to do. `subject` points at the offending source; `address`
 * names the resource instance (or other object) involved; `context` is the enclosing block header
 * (`resource "t" "n"`) used by the human renderer.
 */
export interface Diagnostic {
  readonly severity: Severity;
  readonly summary: string;
  readonly detail?: string;
  readonly subject?: SourceRange;
  readonly context?: string;
  readonly address?: string;
  readonly values?: readonly ExpressionValue[];
}

/** The result of an operation that can report problems: `value` is meaningful unless an error is present. */
export interface Result<T> {
  readonly value: T;
  readonly diagnostics: Diagnostic[];
}

/** Builds an error diagnostic. */
export function error(summary: string, detail?: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { severity: 'error', summary, ...(detail !== undefined ? { detail } : {}), ...extra };
}

/** Builds a warning diagnostic. */
export function warning(summary: string, detail?: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { severity: 'warning', summary, ...(detail !== undefined ? { detail } : {}), ...extra };
}

/** True when any diagnostic in the list is an error. */
export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}

/** A range covering one position (column defaults to 1). */
export function at(file: string, line: number, column = 1): SourceRange {
  return { file, start: { line, column } };
}

/** Returns a copy of `d` with fields filled in where the diagnostic has none yet. */
export function withDefaults(d: Diagnostic, defaults: Partial<Diagnostic>): Diagnostic {
  const out: Record<string, unknown> = { ...defaults };
  for (const [k, v] of Object.entries(d)) if (v !== undefined) out[k] = v;
  return out as unknown as Diagnostic;
}
