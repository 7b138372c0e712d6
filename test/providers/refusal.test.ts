import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { isDefiniteRefusal, ProviderError, TimeoutError } from '../../src/providers/errors.js';
import { call, toProviderError } from '../../src/providers/alicloud/errors.js';
import { configureClient, makeCtx } from './alicloud/helpers.js';

const require = createRequire(import.meta.url);
// The SDK's own error classes, as its client throws them.
const core = require('@alicloud/openapi-core') as {
  ClientError: new (m: Record<string, unknown>) => Error;
  ServerError: new (m: Record<string, unknown>) => Error;
  ThrottlingError: new (m: Record<string, unknown>) => Error;
};

function sdkError(code: string, statusCode: number): Error {
  const kind = statusCode >= 500 ? 'ServerError' : code.startsWith('Throttling') ? 'ThrottlingError' : 'ClientError';
  return new core[kind]({ code, statusCode, requestId: 'REQ-1', message: `code: ${statusCode}, message for ${code} request id: REQ-1`, data: { Code: code, Message: `message for ${code}`, RequestId: 'REQ-1' } });
}

describe('isDefiniteRefusal: a create the cloud refused made nothing', () => {
  test.each([
    ['InvalidZoneId.NotFound', 404],
    ['InvalidParameter', 400],
    ['InvalidParameter.Mismatch', 400],
    ['InvalidVpcId.NotFound', 404],
    ['InvalidCidrBlock.Overlapped', 400],
    ['MissingParameter', 400],
    ['Forbidden.RAM', 403],
    ['Forbidden', 403],
    ['QuotaExceeded.Vpc', 400],
    ['QuotaExceeded', 403],
    ['IncorrectStatus', 400],
    ['IncorrectVpcStatus', 400],
    ['OperationDenied.NoStock', 403],
    ['Throttling.User', 400],
    ['SignatureDoesNotMatch', 400],
    ['InvalidAccessKeyId.NotFound', 404],
  ])('%s (HTTP %i) is a refusal', (code, status) => {
    expect(isDefiniteRefusal(toProviderError(sdkError(code, status), 'CreateVSwitch'))).toBe(true);
  });

  test.each([
    ['ServiceUnavailable', 503, 'may be sent after the change took effect'],
    ['InternalError', 500, 'idem'],
    ['UnknownError', 400, 'says nothing'],
    ['IdempotentParameterMismatch', 400, 'an earlier request with the token exists'],
    ['InvalidParamter.Conflict', 403, 'CreateImage spelling of a reused token'],
    ['OperationFailed.LastTokenProcessing', 400, 'the token is still being processed'],
    ['InvalidZoneId.NotFound', 200, 'not a 4xx'],
  ])('%s (HTTP %i) is ambiguous: %s', (code, status) => {
    expect(isDefiniteRefusal(toProviderError(sdkError(code, status), 'CreateVSwitch'))).toBe(false);
  });

  test('no answer, a deadline, a bare error are ambiguous', () => {
    expect(isDefiniteRefusal(toProviderError(Object.assign(new Error('timeout'), { name: 'RequestTimeoutError' }), 'CreateVpc'))).toBe(false);
    expect(isDefiniteRefusal(toProviderError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }), 'CreateVpc'))).toBe(false);
    expect(isDefiniteRefusal(new TimeoutError('CreateVpc', 'late', 'IncorrectVpcStatus'))).toBe(false);
    expect(isDefiniteRefusal(new Error('x'))).toBe(false);
    expect(isDefiniteRefusal(undefined)).toBe(false);
  });

  test('afterUncertain keeps every field and makes a refusal ambiguous', () => {
    const pe = toProviderError(sdkError('QuotaExceeded.Vpc', 400), 'CreateVpc', 'alicloud_vpc.v');
    const marked = pe.afterUncertain();
    expect(marked).toBeInstanceOf(ProviderError);
    expect(marked).toMatchObject({ apiCode: 'QuotaExceeded.Vpc', httpStatus: 400, requestId: 'REQ-1', address: 'alicloud_vpc.v', errorClass: pe.errorClass, message: pe.message, afterUncertainAttempt: true });
    expect(isDefiniteRefusal(marked)).toBe(false);
  });
});

describe('call: a refusal after an attempt of unknown outcome proves nothing', () => {
  const client = configureClient({ region: 'cn-hangzhou', access_key: 'a', secret_key: 'b' });

  const run = (answers: Error[]) =>
    call(makeCtx(client), 'CreateVpc', async () => {
      throw answers.shift() ?? new Error('no more answers');
    }).catch((e: unknown) => e);

  test('a refusal on the first attempt is definite', async () => {
    expect(isDefiniteRefusal(await run([sdkError('InvalidParameter', 400)]))).toBe(true);
  });

  test('throttled, then refused: still definite (a throttled request does nothing)', async () => {
    expect(isDefiniteRefusal(await run([sdkError('Throttling.User', 400), sdkError('QuotaExceeded.Vpc', 400)]))).toBe(true);
  });

  test('a 503 (maybe after the change), then a refusal: ambiguous', async () => {
    const e = await run([sdkError('ServiceUnavailable', 503), sdkError('QuotaExceeded.Vpc', 400)]);
    expect(e).toMatchObject({ apiCode: 'QuotaExceeded.Vpc', afterUncertainAttempt: true });
    expect(isDefiniteRefusal(e)).toBe(false);
  });

  test('a lost connection, then a refusal: ambiguous', async () => {
    const e = await run([Object.assign(new Error('reset'), { code: 'ECONNRESET' }), sdkError('InvalidVpcId.NotFound', 404)]);
    expect(isDefiniteRefusal(e)).toBe(false);
  });
});
