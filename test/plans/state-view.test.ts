import { describe, expect, test } from 'vitest';
import { renderState, renderStateInstance } from '../../src/plans/state-view.js';
import type { StateFile } from '../../src/states/model.js';
import { awsSchemas, goldenCases } from './helpers.js';

const rows = goldenCases().flatMap((c) =>
  (['prior', 'post'] as const)
    .filter((w) => c.file(`${w}.tfstate`) && c.file(`${w}-show.txt`))
    .map((w) => [`${c.name} (${w})`, JSON.parse(c.file(`${w}.tfstate`)!) as StateFile, c.file(`${w}-show.txt`)!] as const),
);

describe('`terraform show` of a state, byte for byte', () => {
  test.each(rows)('%s', (_n, state, want) => {
    expect(renderState(state, awsSchemas)).toBe(want);
  });

  test('no state at all', () => {
    expect(renderState(null, awsSchemas)).toBe('No state.\n');
  });
});

const instances = goldenCases().flatMap((c) => {
  const shows = c.json<Record<string, string>>('state-show.json');
  if (!shows) return [];
  const state = JSON.parse(c.file('post.tfstate')!) as StateFile;
  return Object.entries(shows).map(([addr, want]) => [`${c.name} ${addr}`, state, addr, want] as const);
});

describe('`terraform state show ADDR`, byte for byte', () => {
  test.each(instances)('%s', (_n, state, addr, want) => {
    expect(renderStateInstance(state, addr, awsSchemas)).toBe(want);
  });

  test('an address not in state', () => {
    const [, state] = instances[0]!;
    expect(renderStateInstance(state, 'terraform_data.nope', awsSchemas)).toBeUndefined();
  });
});
