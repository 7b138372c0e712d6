import { xmlDocument, type XmlTree } from './xml.js';

/**
 * An OSS error answer: the code, HTTP status and message the service sends, plus the extra elements
 * some codes carry (`BucketName`, `Key`, `Condition`, `StringToSign`…), serialised in OSS's XML
 * envelope `<Error><Code/><Message/><RequestId/><HostId/>…</Error>`.
 */
export class OssError extends Error {
  readonly code: string;
  readonly status: number;
  readonly extra: XmlTree;
  constructor(status: number, code: string, message: string, extra: XmlTree = {}) {
    super(message);
    this.name = 'OssError';
    this.status = status;
    this.code = code;
    this.extra = extra;
  }

  /** The XML body of this error for a request. */
  body(requestId: string, hostId: string): string {
    return xmlDocument('Error', { Code: this.code, Message: this.message, RequestId: requestId, HostId: hostId, ...this.extra });
  }
}

export const noSuchBucket = (bucket: string) => new OssError(404, 'NoSuchBucket', 'The specified bucket does not exist.', { BucketName: bucket });
export const noSuchKey = (key: string) => new OssError(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key });
export const fileAlreadyExists = () => new OssError(409, 'FileAlreadyExists', 'The object you specified already exists and can not be overwritten.');
export const bucketNotEmpty = (bucket: string) => new OssError(409, 'BucketNotEmpty', 'The bucket you tried to delete is not empty.', { BucketName: bucket });
export const invalidBucketName = (bucket: string) => new OssError(400, 'InvalidBucketName', 'The specified bucket is not valid.', { BucketName: bucket });
export const invalidObjectName = () => new OssError(400, 'InvalidObjectName', 'The specified object is not valid.');
export const preconditionFailed = (condition: string) => new OssError(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold.', { Condition: condition });
export const invalidArgument = (message: string, name: string, value: string) => new OssError(400, 'InvalidArgument', message, { ArgumentName: name, ArgumentValue: value });
export const invalidDigest = () => new OssError(400, 'InvalidDigest', 'The Content-MD5 you specified is not valid.');
export const accessDenied = (message = 'You have no right to access this object because of bucket acl.') => new OssError(403, 'AccessDenied', message);
export const invalidAccessKeyId = (id: string) => new OssError(403, 'InvalidAccessKeyId', 'The OSS Access Key Id you provided does not exist in our records.', { OSSAccessKeyId: id });
export const requestTimeTooSkewed = () => new OssError(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.');
export const notImplemented = (what: string) => new OssError(501, 'NotImplemented', `A header you provided implies functionality that is not implemented (the emulator does not implement ${what}).`);
export const methodNotAllowed = (method: string) => new OssError(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', { Method: method });
