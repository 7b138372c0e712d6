import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { ProviderError, TimeoutError } from '../../../src/providers/errors.js';
import { call, callIgnoringGone, toProviderError } from '../../../src/providers/alicloud/errors.js';
import { configureClient, makeCtx } from './helpers.js';

const require = createRequire(import.meta.url);
// The SDK's own error classes, as its client throws them.
const core = require('@alicloud/openapi-core') as {
  ClientError: new (m: Record<string, unknown>) => Error;
  ServerError: new (m: Record<string, unknown>) => Error;
  ThrottlingError: new (m: Record<string, unknown>) => Error;
};

function sdkError(kind: 'ClientError' | 'ServerError' | 'ThrottlingError', code: string, statusCode: number, extra: Record<string, unknown> = {}): Error {
  return new core[kind]({
    code,
    statusCode,
    requestId: 'REQ-1',
    message: `code: ${statusCode}, message for ${code} request id: REQ-1`,
    data: { Code: code, Message: `message for ${code}`, RequestId: 'REQ-1' },
    ...extra,
  });
}

function transportError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code });
}

describe('toProviderError', () => {
  test.each([
    ['throttling', sdkError('ThrottlingError', 'Throttling.User', 400, { retryAfter: 1500 }), 'CopyImage', 'retry'],
    ['server error', sdkError('ServerError', 'InternalError', 500), 'DescribeImages', 'retry'],
    ['ServiceUnavailable', sdkError('ServerError', 'ServiceUnavailable', 503), 'DeleteImage', 'retry'],
    ['signature mismatch', sdkError('ClientError', 'SignatureDoesNotMatch', 400), 'DescribeImages', 'fatal'],
    ['unknown key', sdkError('ClientError', 'InvalidAccessKeyId.NotFound', 404), 'DescribeImages', 'fatal'],
    ['DeleteImage not found', sdkError('ClientError', 'InvalidImageId.NotFound', 404), 'DeleteImage', 'gone'],
    ['CopyImage not found is fatal', sdkError('ClientError', 'InvalidImageId.NotFound', 404), 'CopyImage', 'fatal'],
    ['DeleteVpc dependency', sdkError('ClientError', 'DependencyViolation.VSwitch', 400), 'DeleteVpc', 'wait'],
    ['CreateVSwitch VPC status', sdkError('ClientError', 'IncorrectVpcStatus', 400), 'CreateVSwitch', 'wait'],
    ['DeleteInstance initialising', sdkError('ClientError', 'IncorrectInstanceStatus.Initializing', 403), 'DeleteInstance', 'wait'],
    ['DeleteSecurityGroup dependency', sdkError('ClientError', 'DependencyViolation', 403), 'DeleteSecurityGroup', 'wait'],
    ['image copying', sdkError('ClientError', 'OperationDenied.ImageCopying', 403), 'DeleteImage', 'fatal'],
    ['connection refused', transportError('ECONNREFUSED'), 'DescribeImages', 'retry'],
    ['connection reset', transportError('ECONNRESET'), 'CopyImage', 'retry'],
    ['request timeout', Object.assign(new Error('timeout'), { name: 'RequestTimeoutError' }), 'CopyImage', 'retry'],
    ['non-JSON body', new SyntaxError('Unexpected end of JSON input'), 'DescribeImages', 'retry'],
    ['no credentials', new core.ClientError({ code: 'InvalidCredentials', message: 'Please set up the credentials' }), 'DescribeImages', 'fatal'],
  ])('%s', (_n, err, action, cls) => {
    const pe = toProviderError(err, action, 'alicloud_image_copy.x');
    expect(pe).toBeInstanceOf(ProviderError);
    expect(pe.errorClass).toBe(cls);
  });

  test('fields and message: code, API message, RequestId, retry-after', () => {
    const pe = toProviderError(sdkError('ThrottlingError', 'Throttling.User', 400, { retryAfter: 1500 }), 'CopyImage');
    expect(pe.apiCode).toBe('Throttling.User');
    expect(pe.requestId).toBe('REQ-1');
    expect(pe.httpStatus).toBe(400);
    expect(pe.retryAfterMs).toBe(1500);
    expect(pe.message).toBe('CopyImage failed: Throttling.User: message for Throttling.User (RequestId: REQ-1)');
  });

  test('extra codes of one call site', () => {
    expect(toProviderError(sdkError('ClientError', 'Custom.Busy', 400), 'X', undefined, { wait: ['Custom.Busy'] }).errorClass).toBe('wait');
    expect(toProviderError(sdkError('ClientError', 'Custom.Gone', 404), 'X', undefined, { gone: ['Custom.Gone'] }).errorClass).toBe('gone');
  });
});

describe('call', () => {
  const client = configureClient({ region: 'cn-hangzhou', access_key: 'a', secret_key: 'b' });

  test('retries throttling and 5xx with back-off, then succeeds', async () => {
    const ctx = makeCtx(client);
    const errors = [sdkError('ThrottlingError', 'Throttling', 400), sdkError('ServerError', 'ServiceUnavailable', 503), transportError('ECONNRESET')];
    let attempts = 0;
    const out = await call(ctx, 'CopyImage', async () => {
      attempts++;
      const e = errors.shift();
      if (e) throw e;
      return 'ok';
    });
    expect(out).toBe('ok');
    expect(attempts).toBe(4);
  });

  test('waits at least x-acs-retry-after before the next attempt', async () => {
    const ctx = makeCtx(client);
    const times: number[] = [];
    await call(ctx, 'DescribeImages', async () => {
      times.push(Date.now());
      if (times.length === 1) throw sdkError('ThrottlingError', 'Throttling.Api', 400, { retryAfter: 150 });
      return 1;
    });
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(145);
  });

  test('a fatal error fails at once with code, message and RequestId', async () => {
    const ctx = makeCtx(client);
    let attempts = 0;
    const p = call(ctx, 'CopyImage', async () => {
      attempts++;
      throw sdkError('ClientError', 'InvalidImageId.NotFound', 404);
    });
    await expect(p).rejects.toMatchObject({ apiCode: 'InvalidImageId.NotFound', requestId: 'REQ-1', errorClass: 'fatal' });
    expect(attempts).toBe(1);
  });

  test('retry-class errors stop after maxAttempts', async () => {
    const ctx = makeCtx(client);
    let attempts = 0;
    const p = call(ctx, 'DescribeImages', async () => {
      attempts++;
      throw sdkError('ServerError', 'InternalError', 500);
    }, { maxAttempts: 3 });
    await expect(p).rejects.toMatchObject({ apiCode: 'InternalError', errorClass: 'retry' });
    expect(attempts).toBe(3);
  });

  test('wait-class errors retry until the deadline, then a TimeoutError names the last code', async () => {
    const ctx = makeCtx(client, { timeoutMs: 300 });
    let attempts = 0;
    const p = call(ctx, 'DeleteVpc', async () => {
      attempts++;
      throw sdkError('ClientError', 'DependencyViolation.VSwitch', 400);
    });
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).lastStatus).toBe('DependencyViolation.VSwitch');
    expect(attempts).toBeGreaterThan(2);
  });

  test('gone-class errors: callIgnoringGone returns undefined', async () => {
    const ctx = makeCtx(client);
    const out = await callIgnoringGone(ctx, 'DeleteImage', async () => {
      throw sdkError('ClientError', 'InvalidImageId.NotFound', 404);
    });
    expect(out).toBeUndefined();
  });

  test('a call hanging past the deadline ends with a TimeoutError', async () => {
    const ctx = makeCtx(client, { timeoutMs: 100 });
    const p = call(ctx, 'CopyImage', () => new Promise<never>(() => {}));
    await expect(p).rejects.toBeInstanceOf(TimeoutError);
  });
});
