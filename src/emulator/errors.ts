/**
 * An API error as the cloud reports it: a code, an HTTP status and a message. The server serialises it as
 * `{ RequestId, HostId, Code, Message, Recommend }` with `status` as the HTTP status. Handlers throw these;
 * anything else that escapes a handler is a bug in the emulator and becomes a 500 `InternalError`.
 */
export class ApiError extends Error {
  /** The cloud's error code, e.g. `InvalidImageId.NotFound`. */
  readonly code: string;
  /** HTTP status of the answer. */
  readonly status: number;
  /** Extra response headers (e.g. `x-acs-retry-after` on throttling). */
  readonly headers: Readonly<Record<string, string>>;
  constructor(code: string, status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.headers = headers;
  }
}

/** 400 `MissingParameter`: a mandatory parameter is absent or empty. */
export class MissingParameter extends ApiError {
  constructor(name: string) {
    super('MissingParameter', 400, `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
  }
}

/** 400 `InvalidParameter`: a parameter has a value the action cannot use. */
export class InvalidParameter extends ApiError {
  constructor(name: string, detail?: string) {
    super('InvalidParameter', 400, `The specified parameter "${name}" is not valid.${detail ? ' ' + detail : ''}`);
  }
}

/** 404 `InvalidRegionId.NotFound`: the region is not one the emulator knows. */
export class InvalidRegionIdNotFound extends ApiError {
  constructor(region: string) {
    super('InvalidRegionId.NotFound', 404, `The specified RegionId "${region}" does not exist in our records.`);
  }
}

/** 404 `InvalidAction.NotFound`: no action of that name in that API version. */
export class InvalidActionNotFound extends ApiError {
  constructor(action: string, version: string) {
    super('InvalidAction.NotFound', 404, `Specified api "${action}" with version "${version}" is not found, please check your url and method.`);
  }
}

/** 400 `IdempotentParameterMismatch`: a ClientToken was reused with different parameters. */
export class IdempotentParameterMismatch extends ApiError {
  constructor() {
    super('IdempotentParameterMismatch', 400, 'The specified ClientToken was already used with different request parameters.');
  }
}

/** 403 `InvalidParamter.Conflict` (the cloud's spelling): CreateImage's form of a reused ClientToken. */
export class InvalidParamterConflict extends ApiError {
  constructor() {
    super('InvalidParamter.Conflict', 403, 'The specified ClientToken conflicts with an earlier request that had different parameters.');
  }
}

/** 400 `InvalidClientToken.ValueNotSupported`: the token is not printable ASCII of at most 64 characters. */
export class InvalidClientTokenValueNotSupported extends ApiError {
  constructor() {
    super('InvalidClientToken.ValueNotSupported', 400, 'The ClientToken must be ASCII and at most 64 characters long.');
  }
}

/** 400 `DryRunOperation`: every check passed and `DryRun` was set, so nothing was done. */
export class DryRunOperation extends ApiError {
  constructor() {
    super('DryRunOperation', 400, 'Request validation has been passed with DryRun flag set.');
  }
}

/** 400 `Throttling.User`: an injected rate-limit fault; carries `x-acs-retry-after` (ms). */
export class ThrottlingUser extends ApiError {
  constructor(retryAfterMs: number) {
    super('Throttling.User', 400, 'Request was denied due to user flow control.', { 'x-acs-retry-after': String(retryAfterMs) });
  }
}

/** 503 `ServiceUnavailable`: an injected server fault. */
export class ServiceUnavailable extends ApiError {
  constructor() {
    super('ServiceUnavailable', 503, 'The request has failed due to a temporary failure of the server.');
  }
}

/** 500 `InternalError`: a bug in the emulator (never thrown on purpose by handlers). */
export class InternalError extends ApiError {
  constructor() {
    super('InternalError', 500, 'The request processing has failed due to some unknown error, exception or failure.');
  }
}

/** 400 `IncompleteSignature`: the Authorization header is malformed or does not sign what it must. */
export class IncompleteSignature extends ApiError {
  constructor(detail: string) {
    super('IncompleteSignature', 400, `The request signature does not conform to Aliyun standards. ${detail}`);
  }
}

/** 404 `InvalidAccessKeyId.NotFound`: the access key is unknown. */
export class InvalidAccessKeyIdNotFound extends ApiError {
  constructor() {
    super('InvalidAccessKeyId.NotFound', 404, 'Specified access key is not found.');
  }
}

/** 400 `SignatureDoesNotMatch`: the signature (or the payload hash) does not match the request. */
export class SignatureDoesNotMatch extends ApiError {
  constructor(detail = 'Specified signature does not match our calculation.') {
    super('SignatureDoesNotMatch', 400, detail);
  }
}

/** 400 `InvalidTimeStamp.Expired`: the request date is more than 15 minutes from the server's clock. */
export class InvalidTimeStampExpired extends ApiError {
  constructor(stamp: string) {
    super('InvalidTimeStamp.Expired', 400, `Specified time stamp or date value "${stamp}" is expired.`);
  }
}

/** 400 `InvalidTimeStamp.Format`: the request date is not `YYYY-MM-DDTHH:mm:ssZ`. */
export class InvalidTimeStampFormat extends ApiError {
  constructor(stamp: string) {
    super('InvalidTimeStamp.Format', 400, `Specified time stamp or date value "${stamp}" is not well formatted.`);
  }
}

/** 400 `SignatureNonceUsed`: the nonce was seen in the last 15 minutes (a replay). */
export class SignatureNonceUsed extends ApiError {
  constructor() {
    super('SignatureNonceUsed', 400, 'Specified signature nonce was used already.');
  }
}

/** 404 `InvalidResourceId.NotFound`: a tagging call names a resource that does not exist. */
export class InvalidResourceIdNotFound extends ApiError {
  constructor(id: string) {
    super('InvalidResourceId.NotFound', 404, `The specified ResourceId "${id}" is not found in our records.`);
  }
}

/** 404 `InvalidResourceType.NotFound`: a tagging call names a resource type the emulator does not tag. */
export class InvalidResourceTypeNotFound extends ApiError {
  constructor(type: string) {
    super('InvalidResourceType.NotFound', 404, `The ResourceType "${type}" provided does not exist in our records.`);
  }
}

/** 400 `InvalidTagKey.Malformed`: empty, too long, or a system prefix (`aliyun`, `acs:`, `http://`, `https://`). */
export class InvalidTagKeyMalformed extends ApiError {
  constructor(key: string) {
    super('InvalidTagKey.Malformed', 400, `The specified tag key "${key}" is not valid.`);
  }
}

/** 400 `InvalidTagValue.Malformed`: a tag value is too long or starts with a reserved prefix. */
export class InvalidTagValueMalformed extends ApiError {
  constructor(key: string) {
    super('InvalidTagValue.Malformed', 400, `The value of tag "${key}" is not valid.`);
  }
}

/** 400 `InvalidTagCount`: more than 20 tags in a call or on one resource. */
export class InvalidTagCount extends ApiError {
  constructor() {
    super('InvalidTagCount', 400, 'The number of specified tags exceeds the limit of 20.');
  }
}

/** 400 `InvalidDescription.Malformed`: a description of 1 or more than 256 characters, or starting with `http(s)://`. */
export class InvalidDescriptionMalformed extends ApiError {
  constructor() {
    super('InvalidDescription.Malformed', 400, 'The specified description is wrongly formed: it must be 2 to 256 characters and must not start with http:// or https://.');
  }
}

/** 400 `InvalidNextToken`: a NextToken the emulator did not hand out. */
export class InvalidNextToken extends ApiError {
  constructor() {
    super('InvalidNextToken', 400, 'The specified NextToken is not valid.');
  }
}
