import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderDiagnostic } from '../../src/diag/index.js';
import { formatOutputLines } from '../../src/plans/hcl.js';
import { outputCommand } from '../../src/plans/output-view.js';
import { renderState } from '../../src/plans/state-view.js';
import type { StateFile } from '../../src/states/model.js';
import { awsSchemas, FIXTURES, goldenCases } from './helpers.js';

const stateOf = (text: string) => JSON.parse(text) as StateFile;

describe('`terraform output` on the states of the goldens', () => {
  const rows = goldenCases()
    .filter((c) => c.file('output.txt') !== undefined)
    .map((c) => [c.name, stateOf(c.file('post.tfstate')!), c] as const);

  test.each(rows)('%s: human, -json and -raw', (_n, state, c) => {
    expect(outputCommand(state.outputs, {}).stdout).toBe(c.file('output.txt'));
    expect(outputCommand(state.outputs, { json: true }).stdout).toBe(c.file('output.json'));
    const raw = c.json<Record<string, { stdout?: string; code?: number; stderr?: string }>>('output-raw.json') ?? {};
    for (const [name, want] of Object.entries(raw)) {
      const got = outputCommand(state.outputs, { name, raw: true });
      if (want.stdout !== undefined) expect(got.stdout).toBe(want.stdout);
      else {
        expect(got.exitCode).toBe(want.code);
        expect(renderDiagnostic(got.diagnostics[0]!)).toBe(want.stderr);
      }
    }
  });

  test.each(rows.filter(([, s]) => Object.keys(s.outputs).length > 0))('%s: the apply "Outputs:" section', (_n, state, c) => {
    const apply = c.file('apply.txt')!;
    expect(apply.endsWith(`\nOutputs:\n\n${formatOutputLines(state.outputs)}`)).toBe(true);
  });
});

describe('every type of output value (captured from Terraform 1.11.4)', () => {
  const dir = join(FIXTURES, 'output-format');
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  const state = stateOf(read('state.tfstate'));

  test('listing, JSON listing and show', () => {
    expect(outputCommand(state.outputs, {}).stdout).toBe(read('output.txt'));
    expect(outputCommand(state.outputs, { json: true }).stdout).toBe(read('output.json'));
    expect(renderState(state, awsSchemas)).toBe(read('show.txt'));
  });

  test.each(['ml', 'o', 'm', 'n'])('output %s (human and -json)', (name) => {
    expect(outputCommand(state.outputs, { name }).stdout).toBe(read(`output-${name}.txt`));
    expect(outputCommand(state.outputs, { name, json: true }).stdout).toBe(read(`output-${name}.json`));
  });

  test('-raw of a number has no newline', () => {
    expect(outputCommand(state.outputs, { name: 'n', raw: true }).stdout).toBe(read('output-raw-n.txt'));
  });

  test.each([
    [{ json: true, raw: true, name: 'n' }, 'Invalid output format'],
    [{ raw: true }, 'Output name required'],
    [{ name: 'nope' }, 'Output "nope" not found'],
    [{ name: 'o', raw: true }, 'Unsupported value for raw output'],
  ] as const)('%j fails with %s', (opts, summary) => {
    const r = outputCommand(state.outputs, opts);
    expect(r.exitCode).toBe(1);
    expect(r.diagnostics.map((d) => d.summary)).toEqual([summary]);
  });

  test('no outputs: a warning on stdout, exit 0; -json prints {}', () => {
    const r = outputCommand({}, {});
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^\nWarning: No outputs found\n\nThe state file either has no outputs defined/);
    expect(outputCommand(undefined, { json: true }).stdout).toBe('{}\n');
  });
});
