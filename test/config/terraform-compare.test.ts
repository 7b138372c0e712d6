import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { loadConfig, validateConfig } from '../../src/config/index.js';

/**
 * Compares minitf's diagnostics with `terraform validate -json` (Terraform 1.11.4) on the invalid
 * fixtures that use only Terraform's built-in features (no provider download): the same summaries at
 * the same lines. Skipped, with the reason printed, when `terraform` is not installed.
 */
const SAME_AS_TERRAFORM = [
  'attribute-redefined',
  'count-and-for-each',
  'cycle',
  'duplicate-resource',
  'duplicates',
  'extraneous-label',
  'invalid-names',
  'json-invalid-keyword',
  'missing-name-label',
  'moved-missing-to',
  'output-missing-value',
  'reserved-variable-name',
  'syntax-error',
  'template-syntax',
  'terraform-data-timeouts',
  'unclosed-block',
  'undeclared-local',
  'undeclared-module',
  'undeclared-variable',
  'unknown-top-level-block',
  'variable-type',
];

function terraformVersion(): string | undefined {
  try {
    return execFileSync('terraform', ['version'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } }).split('\n')[0];
  } catch {
    return undefined;
  }
}

const version = terraformVersion();
if (!version) console.log('terraform-compare: skipped, `terraform` is not on PATH');
const run = promisify(execFile);
const fixtures = join(import.meta.dirname, '..', 'fixtures', 'config', 'invalid');
const tmp = mkdtempSync(join(tmpdir(), 'minitf-tfcmp-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface TfDiag {
  summary: string;
  range?: { filename: string; start: { line: number } };
}

describe.skipIf(!version)(`diagnostics match ${version ?? 'terraform'}`, () => {
  test('every listed fixture exists', () => {
    const all = readdirSync(fixtures).filter((n) => statSync(join(fixtures, n)).isDirectory());
    for (const n of SAME_AS_TERRAFORM) expect(all).toContain(n);
  });

  test.concurrent.each(SAME_AS_TERRAFORM)('%s', async (name) => {
    const dir = join(tmp, name);
    cpSync(join(fixtures, name), dir, { recursive: true });
    for (const f of readdirSync(dir)) if (f.endsWith('.expect')) unlinkSync(join(dir, f));
    let stdout: string;
    try {
      ({ stdout } = await run('terraform', ['validate', '-json', '-no-color'], { cwd: dir, env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' } }));
    } catch (e) {
      ({ stdout } = e as { stdout: string });
    }
    const tf = (JSON.parse(stdout) as { diagnostics: TfDiag[] }).diagnostics;
    const sourceless = new Set(tf.filter((d) => !d.range).map((d) => normalise(d.summary)));
    const r = await loadConfig(dir);
    const ours = [...r.diagnostics, ...validateConfig(r.value)];
    const key = (summary: string, file?: string, line?: number): string => (sourceless.has(normalise(summary)) || file === undefined ? normalise(summary) : `${file}:${line}: ${summary}`);
    expect(ours.map((d) => key(d.summary, d.subject?.file, d.subject?.start.line)).sort()).toEqual(tf.map((d) => key(d.summary, d.range?.filename, d.range?.start.line)).sort());
  });
});

/** Terraform lists cycle members in no fixed order; minitf sorts them. */
function normalise(summary: string): string {
  const m = /^Cycle: (.*)$/.exec(summary);
  return m ? `Cycle: ${m[1]!.split(', ').map((s) => s.replace(/ \(expand\)$/, '')).sort().join(', ')}` : summary;
}
