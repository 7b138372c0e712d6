/**
 * Base class of minitf's thrown errors. Thrown errors are for bugs and environmental faults; user
 * problems travel as diagnostics. `code` is a stable machine-readable identifier.
 */
export class MinitfError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MinitfError';
    this.code = code;
  }
}

/** An invariant failure: always a bug in minitf. */
export class BugError extends MinitfError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('bug', `${message} This is a bug in minitf.`, options);
    this.name = 'BugError';
  }
}
