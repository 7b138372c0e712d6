import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { applyFinishLines, fatalInterruptLine, interruptedLines, renderApplyFinish, renderFatalInterrupt, renderInterrupted } from '../../src/plans/apply-view.js';
import { summarize } from '../../src/plans/model.js';
import { JsonProgressView, PlainProgressView, truncateId, type ApplyTarget } from '../../src/plans/progress.js';
import { goDuration } from '../../src/plans/text.js';
import type { StateFile } from '../../src/states/model.js';
import { FIXTURES, goldenCases, modeOf, planFromShowJSON } from './helpers.js';
import { FakeClock } from '../helpers/fake-clock.js';

const dir = join(FIXTURES, 'progress');
const read = (f: string) => readFileSync(join(dir, f), 'utf8');
const slow: ApplyTarget = { address: 'terraform_data.slow', module: '', mode: 'managed', type: 'terraform_data', name: 'slow' };
const ID = '00000000-0000-0000-0000-000000000001';

function plain() {
  const clock = new FakeClock();
  let out = '';
  return { clock, view: new PlainProgressView((s) => void (out += s), clock), out: () => out };
}

describe('plain progress lines (Terraform 1.11.4 capture of a 22 s create)', () => {
  test('Creating..., a Still line every 10 s, Creation complete with the id', () => {
    const { clock, view, out } = plain();
    view.applyStart(slow, 'create', null);
    clock.advance(22_000);
    view.applyComplete(slow, 'create', { id: ID, input: 'x' });
    const golden = read('apply-slow.txt').split('\n').filter((l) => /Creating|Still|complete after/.test(l));
    expect(out()).toBe(golden.join('\n') + '\n');
    expect(clock.pending).toBe(0);
  });

  test.each([
    ['update', 'terraform_data.a: Modifying... [id=i-1]', 'terraform_data.a: Still modifying... [id=i-1, 10s elapsed]', 'terraform_data.a: Modifications complete after 12s [id=i-1]'],
    ['delete', 'terraform_data.a: Destroying... [id=i-1]', 'terraform_data.a: Still destroying... [id=i-1, 10s elapsed]', 'terraform_data.a: Destruction complete after 12s'],
    ['read', 'data.x.a: Reading...', 'data.x.a: Still reading... [10s elapsed]', 'data.x.a: Read complete after 12s'],
  ] as const)('%s', (op, start, still, done) => {
    const { clock, view, out } = plain();
    const addr = op === 'read' ? 'data.x.a' : 'terraform_data.a';
    const t: ApplyTarget = { address: addr, module: '', mode: op === 'read' ? 'data' : 'managed', type: op === 'read' ? 'x' : 'terraform_data', name: 'a' };
    view.applyStart(t, op, op === 'read' ? null : { id: 'i-1' });
    clock.advance(12_000);
    view.applyComplete(t, op, op === 'delete' || op === 'read' ? null : { id: 'i-1' });
    expect(out().split('\n').filter(Boolean)).toEqual([start, still, done]);
  });

  test('deposed objects: the start line names the deposed key, the end line does not (as Terraform 1.11)', () => {
    const golden = goldenCases().find((c) => c.name === 'delete-deposed')!.file('apply.txt')!.split('\n').slice(0, 2);
    const { view, out } = plain();
    const t: ApplyTarget = { address: 'terraform_data.a', deposed: '1a2b3c4d', module: '', mode: 'managed', type: 'terraform_data', name: 'a' };
    view.applyStart(t, 'delete', { id: 'deposed-0000-0000-0000-000000000001' });
    view.applyComplete(t, 'delete', null);
    expect(out()).toBe(golden.join('\n') + '\n');
  });

  test('handler progress shows on the next Still line (minitf extra), prefix kept for greps', () => {
    const { clock, view, out } = plain();
    const t: ApplyTarget = { address: 'alicloud_image_copy.default', module: '', mode: 'managed', type: 'alicloud_image_copy', name: 'default' };
    view.applyStart(t, 'create', null);
    clock.advance(4_000);
    view.applyProgress(t, { percent: 42 });
    clock.advance(6_000);
    view.applyProgress(t, { percent: 57.4, message: 'copying' });
    clock.advance(10_000);
    expect(out().split('\n').filter(Boolean)).toEqual([
      'alicloud_image_copy.default: Creating...',
      'alicloud_image_copy.default: Still creating... [10s elapsed, 42%]',
      'alicloud_image_copy.default: Still creating... [20s elapsed, 57%, copying]',
    ]);
    view.close();
    expect(clock.pending).toBe(0);
  });

  test('a failed operation prints no end line and stops its timer; close ignores later events', () => {
    const { clock, view, out } = plain();
    view.applyStart(slow, 'create', null);
    view.applyErrored(slow, 'create');
    clock.advance(30_000);
    expect(out()).toBe('terraform_data.slow: Creating...\n');
    view.close();
    view.applyStart(slow, 'create', null);
    expect(out()).toBe('terraform_data.slow: Creating...\n');
  });

  test('refresh and import lines', () => {
    const { view, out } = plain();
    view.refreshStart({ ...slow, deposed: 'abcd1234' }, { id: 'x' });
    view.planImport(slow, 'imp-1');
    view.importStart(slow, 'imp-1');
    view.importComplete(slow, 'imp-1');
    expect(out()).toBe(
      'terraform_data.slow (deposed object abcd1234): Refreshing state... [id=x]\nterraform_data.slow: Preparing import... [id=imp-1]\nterraform_data.slow: Importing... [id=imp-1]\nterraform_data.slow: Import complete [id=imp-1]\n',
    );
  });

  test('long IDs are shortened in Still lines', () => {
    const id = 'x'.repeat(100);
    expect(truncateId(id)).toHaveLength(80);
    expect(truncateId(id)).toBe(`${'x'.repeat(39)}...${'x'.repeat(38)}`);
    expect(truncateId('short')).toBe('short');
  });
});

describe('-json progress (Terraform 1.11.4 capture of a 64 s create)', () => {
  test('apply_start, apply_progress every 10 s, apply_complete', () => {
    const clock = new FakeClock();
    let out = '';
    const view = new JsonProgressView((s) => void (out += s), clock);
    view.applyStart(slow, 'create', null);
    clock.advance(64_000);
    view.applyComplete(slow, 'create', { id: ID });
    const norm = (s: string) => s.replace(/"@timestamp":"[^"]+"/g, '"@timestamp":"T"');
    expect(norm(out)).toBe(norm(read('apply-slow.jsonl')));
  });

  test('handler progress is streamed at once with percent and message; errors as apply_errored', () => {
    const clock = new FakeClock();
    let out = '';
    const view = new JsonProgressView((s) => void (out += s), clock);
    view.applyStart(slow, 'create', null);
    clock.advance(3_000);
    view.applyProgress(slow, { percent: 42, message: 'copying' });
    view.applyErrored(slow, 'create');
    const l = out.trim().split('\n').map((x) => JSON.parse(x));
    expect(l.map((x) => x.type)).toEqual(['apply_start', 'apply_progress', 'apply_errored']);
    expect(l[1].hook).toMatchObject({ elapsed_seconds: 3, percent: 42, message: 'copying' });
    expect(l[1]['@message']).toBe('terraform_data.slow: Still creating... [3s elapsed, 42%, copying]');
    expect(l[2]['@message']).toBe('terraform_data.slow: Creation errored after 3s');
  });
});

test.each([
  [0, '0s'],
  [11, '11s'],
  [60, '1m0s'],
  [64, '1m4s'],
  [3600, '1h0m0s'],
  [3723, '1h2m3s'],
])('Go duration of %d s is %s', (s, want) => {
  expect(goDuration(s)).toBe(want);
});

describe('apply finish and interrupts', () => {
  const rows = goldenCases().filter((c) => c.file('apply.txt') && c.file('post.tfstate'));
  test.each(rows.map((c) => [c.name, c] as const))('%s: Apply complete! and Outputs:', (_n, c) => {
    const plan = planFromShowJSON(c.json('plan.json'), modeOf(c.spec.plan.args));
    const state = JSON.parse(c.file('post.tfstate')!) as StateFile;
    const text = c.file('apply.txt')!;
    const finish = renderApplyFinish(summarize(plan.resourceChanges), state.outputs);
    expect(text.endsWith(finish)).toBe(true);
  });

  test('destroy wording', () => {
    expect(renderApplyFinish({ add: 0, change: 0, remove: 3, import: 0 }, {}, true)).toBe('\nDestroy complete! Resources: 3 destroyed.\n');
    expect(JSON.parse(applyFinishLines({ add: 0, change: 0, remove: 3, import: 0 }, {}, true).split('\n')[0]!).changes.operation).toBe('destroy');
  });

  test('first interrupt (captured) and second interrupt', () => {
    expect(renderInterrupted()).toBe(read('interrupt.txt'));
    const norm = (s: string) => s.replace(/"@timestamp":"[^"]+"/g, '"@timestamp":"T"');
    expect(norm(interruptedLines())).toBe(norm(read('interrupt.jsonl')));
    expect(renderFatalInterrupt()).toBe('\nTwo interrupts received. Exiting immediately. Note that data loss may have\noccurred.\n\n');
    expect(JSON.parse(fatalInterruptLine()).type).toBe('log');
  });
});
