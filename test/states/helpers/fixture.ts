import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { StateIndex, type Backend, type StateFile } from '../../../src/states/index.js';

/** The key the fixtures in test/fixtures/states/written-by-bc9e948-*.json were sealed with. */
export const FIXTURE_ENV = { MINITF_STATE_KEY: 'fixture passphrase' };

/** A fixture of what the code before the storage split (commit bc9e948) stored, by backend. */
export function fixture<T>(backend: 'local' | 'pg'): T {
  return JSON.parse(readFileSync(join(import.meta.dirname, `../../fixtures/states/written-by-bc9e948-${backend}.json`), 'utf8')) as T;
}

/**
 * Reads a backend loaded with a fixture and checks it holds what the old code wrote: the snapshot of
 * serial 2 with the journal replayed on it (b and d added, a removed), a sealed value and output
 * opened, the pending create c with its sealed arguments. Returns the state read.
 */
export async function expectFixtureState(b: Backend): Promise<StateFile> {
  const { state, pending } = await b.read();
  expect(state!.serial).toBe(2);
  const idx = new StateIndex(state!);
  expect(idx.addresses()).toEqual(['terraform_data.b', 'terraform_data.d', 'terraform_data.s']);
  expect((idx.object('terraform_data.s')!.attributes.input as { value: string }).value).toBe('hunter2');
  expect(state!.outputs.pw!.value).toBe('opensesame');
  expect(pending.map((p) => [p.addr, p.request?.attributes])).toEqual([['terraform_data.c', { input: 'pw-c' }]]);
  return state!;
}
