/**
 * The emulated Object Storage Service (OSS): the REST API of buckets and objects that the official
 * `ali-oss` SDK speaks (`service.ts`: routing and answers; `sign.ts`: the V1 and V4 signatures;
 * `objects.ts`: buckets and objects in a directory; `errors.ts` and `xml.ts`: OSS's XML answers and
 * error envelope). It is mounted by the emulator's HTTP server beside the RPC APIs (requests signed
 * `OSS …`/`OSS4-HMAC-SHA256 …` or sent to `*.oss-REGION.aliyuncs.com` come here) and keeps its data
 * beside the emulator's data file. It imports nothing from the engine.
 */
export { OssService, isOssRequest } from './service.js';
export { OssObjects, type BucketRecord, type ObjectRecord } from './objects.js';
export { OssError } from './errors.js';
