import { MinitfError } from '../diag/index.js';

/** How the engine should treat a failed call. `retry`: back off and retry; `wait`: retry until the
 * operation deadline (the cause clears with time); `gone`: the object is already gone; `fatal`: stop. */
export type ErrorClass = 'retry' | 'wait' | 'gone' | 'fatal';

/** A failure reported by a cloud API (or the transport to it), with the fields users need to act. */
export class ProviderError extends MinitfError {
  readonly apiCode: string;
  readonly requestId?: string;
  readonly httpStatus?: number;
  readonly address?: string;
  readonly errorClass: ErrorClass;
  /** Milliseconds the server asked us to wait (`x-acs-retry-after`). */
  readonly retryAfterMs?: number;
  /**
   * `provider` when the failure concerns the provider instance rather than one object (rejected
   * credentials): the engine reports it once, not once per resource.
   */
  readonly scope?: 'provider';
  /**
   * True when an earlier attempt of the same call had an outcome nobody knows (no answer, a 5xx):
   * this answer then cannot prove that nothing was made (see {@link isDefiniteRefusal}).
   */
  readonly afterUncertainAttempt?: boolean;
  constructor(
    message: string,
    fields: { apiCode: string; errorClass: ErrorClass; requestId?: string; httpStatus?: number; address?: string; retryAfterMs?: number; scope?: 'provider'; afterUncertainAttempt?: boolean; cause?: unknown },
  ) {
    super('provider', message, { cause: fields.cause });
    this.name = 'ProviderError';
    this.apiCode = fields.apiCode;
    this.errorClass = fields.errorClass;
    if (fields.requestId !== undefined) this.requestId = fields.requestId;
    if (fields.httpStatus !== undefined) this.httpStatus = fields.httpStatus;
    if (fields.address !== undefined) this.address = fields.address;
    if (fields.retryAfterMs !== undefined) this.retryAfterMs = fields.retryAfterMs;
    if (fields.scope !== undefined) this.scope = fields.scope;
    if (fields.afterUncertainAttempt) this.afterUncertainAttempt = true;
  }

  /** This error marked as coming after an attempt of unknown outcome (`afterUncertainAttempt`). */
  afterUncertain(): ProviderError {
    if (this.afterUncertainAttempt) return this;
    return new ProviderError(this.message, {
      apiCode: this.apiCode,
      errorClass: this.errorClass,
      ...(this.requestId !== undefined ? { requestId: this.requestId } : {}),
      ...(this.httpStatus !== undefined ? { httpStatus: this.httpStatus } : {}),
      ...(this.address !== undefined ? { address: this.address } : {}),
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
      ...(this.scope !== undefined ? { scope: this.scope } : {}),
      afterUncertainAttempt: true,
      cause: this.cause,
    });
  }
}

/**
 * API codes that say the request was refused as sent and changed nothing: bad or missing
 * parameters, objects not found, permissions, quotas, wrong object status, throttling, signatures.
 */
const REFUSAL_CODES = [
  /^Invalid/, /^MissingParameter/, /^UnsupportedParameter/, /\.NotFound$/, /^Forbidden/, /QuotaExceed/, /^Incorrect/,
  /^OperationDenied/, /^DependencyViolation/, /^OperationConflict$/, /^TaskConflict$/, /Throttling/, /^NoPermission/,
  /^SignatureDoesNotMatch$/, /^IncompleteSignature$/, /^SignatureNonceUsed$/, /^DryRunOperation$/,
];

/**
 * Codes that speak of an earlier request with the same ClientToken (a different one, or one still
 * being processed): that request may have made an object, so they never count as a refusal.
 */
const TOKEN_CODES = [/Idempot/, /^InvalidParam(e)?ter\.Conflict$/, /Processing/, /ClientToken/];

/**
 * True when `err` proves that the cloud refused a call and made nothing: a ProviderError with an
 * HTTP 4xx answer whose code is a refusal (`InvalidParameter…`, `….NotFound`, `Forbidden…`,
 * `QuotaExceeded…`, `Incorrect…Status`, throttling, …), not about a reused ClientToken, and with no
 * earlier attempt of the same call whose outcome is unknown. Everything else is ambiguous and
 * false: no answer (timeouts, lost connections, an interrupt), 5xx answers (`ServiceUnavailable`,
 * `InternalError`, which the cloud may send after the change took effect), TimeoutError, and
 * errors that are not ProviderErrors. The engine closes a create's journal intent as failed only
 * on a definite refusal; an ambiguous one stays pending for recovery with its ClientToken.
 */
export function isDefiniteRefusal(err: unknown): boolean {
  if (!(err instanceof ProviderError) || err.afterUncertainAttempt) return false;
  const status = err.httpStatus;
  if (status === undefined || status < 400 || status > 499) return false;
  if (TOKEN_CODES.some((re) => re.test(err.apiCode))) return false;
  return REFUSAL_CODES.some((re) => re.test(err.apiCode));
}

/** An operation ran past its deadline (`timeouts` block or default). */
export class TimeoutError extends MinitfError {
  readonly operation: string;
  readonly lastStatus?: string;
  constructor(operation: string, message: string, lastStatus?: string) {
    super('timeout', message);
    this.name = 'TimeoutError';
    this.operation = operation;
    if (lastStatus !== undefined) this.lastStatus = lastStatus;
  }
}

/**
 * A handler's refusal that is not a cloud API answer, reported as the provider words it: the
 * diagnostic's summary and detail are shown unchanged (`Import Random Integer Error`, `Resource Import
 * Not Implemented`). Nothing was changed outside the state when a handler throws it.
 */
export class HandlerDiagnosticError extends MinitfError {
  readonly summary: string;
  readonly detail: string;
  constructor(summary: string, detail: string) {
    super('handler', `${summary}: ${detail}`);
    this.name = 'HandlerDiagnosticError';
    this.summary = summary;
    this.detail = detail;
  }
}
