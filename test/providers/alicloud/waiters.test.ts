import { describe, expect, test } from 'vitest';
import { ProviderError, TimeoutError } from '../../../src/providers/errors.js';
import { parseProgress, waitFor } from '../../../src/providers/alicloud/waiters.js';
import { configureClient, makeCtx } from './helpers.js';

const client = configureClient({ region: 'cn-shanghai', access_key: 'a', secret_key: 'b' });

interface Obj {
  status: string;
  progress?: string;
}

/** A poll that walks through the given answers, repeating the last. */
function script(answers: (Obj | null)[]): () => Promise<Obj | null> {
  let i = 0;
  return async () => answers[Math.min(i++, answers.length - 1)]!;
}

const spec = { operation: 'create' as const, subject: 'image m-1', status: (o: Obj) => o.status, target: ['Available'], pending: ['Waiting', 'Creating'], fail: ['CreateFailed'], progress: (o: Obj) => parseProgress(o.progress) };

describe('parseProgress', () => {
  test.each([
    ['42%', 42],
    ['100%', 100],
    ['0', 0],
    [7, 7],
    ['', undefined],
    ['n/a', undefined],
    [undefined, undefined],
  ])('%s → %s', (text, want) => expect(parseProgress(text)).toBe(want));
});

describe('waitFor', () => {
  test('reaches the target and reports status and progress changes once each', async () => {
    const ctx = makeCtx(client);
    const out = await waitFor(ctx, {
      ...spec,
      poll: script([{ status: 'Waiting', progress: '0%' }, { status: 'Creating', progress: '10%' }, { status: 'Creating', progress: '10%' }, { status: 'Creating', progress: '60%' }, { status: 'Available', progress: '100%' }]),
    });
    expect(out?.status).toBe('Available');
    expect(ctx.recorded.progress).toEqual([
      { percent: 0, message: 'Waiting' },
      { percent: 10, message: 'Creating' },
      { percent: 60, message: 'Creating' },
      { percent: 100, message: 'Available' },
    ]);
  });

  test('a fail status throws a ProviderError named after it', async () => {
    const ctx = makeCtx(client);
    const err = await waitFor(ctx, { ...spec, poll: script([{ status: 'Creating' }, { status: 'CreateFailed' }]) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).apiCode).toBe('CreateFailed');
  });

  test('an unexpected status throws', async () => {
    const ctx = makeCtx(client);
    await expect(waitFor(ctx, { ...spec, poll: script([{ status: 'Melting' }]) })).rejects.toMatchObject({ apiCode: 'UnexpectedState' });
  });

  test('the deadline gives a TimeoutError with the last status and progress', async () => {
    const ctx = makeCtx(client, { timeoutMs: 200 });
    const err = await waitFor(ctx, { ...spec, poll: script([{ status: 'Creating', progress: '37%' }]) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).lastStatus).toBe('Creating');
    expect((err as TimeoutError).operation).toBe('create');
    expect((err as Error).message).toContain('37%');
  });

  test("'gone' as target: returns null once the object is not listed", async () => {
    const ctx = makeCtx(client);
    const out = await waitFor(ctx, { ...spec, target: ['gone'], pending: ['Available'], poll: script([{ status: 'Available' }, null]) });
    expect(out).toBeNull();
  });

  test('a just-created object missing for a moment is tolerated, then it fails naming the object', async () => {
    const ctx = makeCtx(client);
    const out = await waitFor(ctx, { ...spec, poll: script([null, null, { status: 'Available' }]) });
    expect(out?.status).toBe('Available');
    const err = await waitFor(makeCtx(client), { ...spec, notFoundGraceMs: 50, poll: script([null]) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as Error).message).toContain('image m-1');
  });
});
