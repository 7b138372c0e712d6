import { conformanceFile } from '../helpers/conformance.js';
import { afterAll, describe, expect, test } from 'vitest';
import { containsSensitive, evaluate, fromJSON, objectOf, parseExpression, toJSON, typeOf, type Scope, type Type } from '../../src/lang/index.js';

interface Case {
  readonly id: string;
  readonly expr: string;
  readonly vars?: Record<string, unknown>;
  readonly want: { value?: unknown; type?: Type; sensitive?: boolean; error?: string };
}

// The corpus computed by Terraform 1.11.4, vendored under test/fixtures/conformance/ (copy.test.ts
// checks it against the shared original when that is present beside the checkout).
const cases: Case[] = JSON.parse(conformanceFile('lang-cases.json')) as Case[];

/** Deep JSON equality with object keys in any order (numbers compared as doubles). */
function sameJSON(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameJSON(x, bb[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => k in (b as object) && sameJSON((a as never)[k], (b as never)[k]));
}

function run(c: Case): { ok: boolean; got: unknown } {
  const parsed = parseExpression(c.expr, { file: 'main.tf', line: 1, column: 1 });
  const vars = objectOf(Object.fromEntries(Object.entries(c.vars ?? {}).map(([k, v]) => [k, fromJSON(v)])));
  const scope: Scope = { get: (r) => (r === 'var' ? vars : undefined), baseDir: '.' };
  const diags = parsed.diagnostics.length ? parsed.diagnostics : evaluate(parsed.value, scope).diagnostics;
  if (c.want.error !== undefined) {
    const first = diags.find((d) => d.severity === 'error');
    return { ok: first?.summary === c.want.error, got: first?.summary ?? 'no error' };
  }
  if (diags.length) return { ok: false, got: diags.map((d) => `${d.summary}: ${d.detail}`) };
  const v = evaluate(parsed.value, scope).value;
  const got = { value: toJSON(v), type: typeOf(v), sensitive: containsSensitive(v) };
  const ok = sameJSON(got.value, c.want.value) && sameJSON(got.type, c.want.type) && got.sensitive === !!c.want.sensitive;
  return { ok, got };
}

let passed = 0;
describe('conformance with Terraform 1.11.4', () => {
  test.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const r = run(c);
    if (r.ok) passed++;
    expect({ expr: c.expr, got: r.got }).toEqual({ expr: c.expr, got: r.ok ? r.got : c.want });
  });
  afterAll(() => {
    console.log(`lang conformance: ${passed} of ${cases.length} cases passed`);
  });
});
