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
  constructor(
    message: string,
    fields: { apiCode: string; errorClass: ErrorClass; requestId?: string; httpStatus?: number; address?: string; retryAfterMs?: number; scope?: 'provider'; cause?: unknown },
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
  }
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
