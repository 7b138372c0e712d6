import { describe, expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReview, renderMarkdown, GITHUB_COMMENT_LIMIT } from '../../src/review/index.js';
import { renderPlan } from '../../src/plans/human.js';
import { largePlan, samplePlan, schemas, SECRET } from './fixture.js';

const GOLDEN = join(import.meta.dirname, 'golden');
/** Compares with a golden file; `MINITF_UPDATE_GOLDEN=1` rewrites it (then review the diff). */
function golden(name: string, text: string): void {
  const path = join(GOLDEN, name);
  if (process.env.MINITF_UPDATE_GOLDEN === '1') writeFileSync(path, text);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

describe('show -markdown', () => {
  test('a plan of every kind of change: summary, table by action, one <details> per resource, outputs, diagnostics', () => {
    golden('sample.md', renderMarkdown(buildReview(samplePlan(), { schemas }), { planFile: 'tfplan' }));
  });

  test('each fenced diff is the terminal renderer\'s block, and no sensitive value appears', () => {
    const plan = samplePlan();
    const md = renderMarkdown(buildReview(plan, { schemas }));
    const terminal = renderPlan(plan, { schemas, trailer: false });
    for (const block of md.matchAll(/```\n([\s\S]*?)\n```/g)) {
      if (block[1]!.startsWith('  # ') || block[1]!.startsWith(' # ')) expect(terminal).toContain(block[1]!);
    }
    expect(md.match(/<details>/g)).toHaveLength(9 + 3); // 9 shown changes, drift, outputs, diagnostics
    // Drift is the terminal's "changed outside" block.
    const drift = /<summary>Objects changed outside minitf \(1\)<\/summary>\n\n```\n([\s\S]*?)\n```/.exec(md);
    expect(drift![1]).toContain('  # x_box.updated has changed');
    expect(terminal).toContain(drift![1]!);
    expect(md).toContain('(sensitive value)');
    expect(md).not.toContain(SECRET);
  });

  test('a plan over the limit keeps summary and table, cuts diffs from the end and says which', () => {
    const review = buildReview(largePlan(2_000), { schemas });
    const md = renderMarkdown(review, { planFile: 'big.tfplan' });
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md.startsWith('### Plan: 1658 to add, 342 to change, 286 to destroy.\n')).toBe(true);
    const kept = md.match(/<details><summary><code>/g)!.length;
    const note = /The diffs of (\d+) of 2000 resources were left out to keep this comment within GitHub's 65,536-character limit\. Run `minitf show big\.tfplan` to see every diff\.\n> Left out: (.*), and (\d+) more\.\n/.exec(md);
    expect(note, md.slice(-3000)).not.toBeNull();
    expect(Number(note![1]) + kept).toBe(2000);
    // The first address left out is the one after the last diff kept.
    expect(note![2]!.split(', ')[0]).toBe('`' + review.changes[kept]!.address + '`');
    expect(md).toContain('Changes to Outputs');
  });

  test.each([6_000, 10_000, 30_000])('the limit holds for a limit of %i characters', (limit) => {
    const md = renderMarkdown(buildReview(largePlan(300), { schemas }), { limit });
    expect(md.length).toBeLessThanOrEqual(limit);
    expect(md).toMatch(/were left out/);
  });

  test('a backtick in an address gets a longer fence and code span', () => {
    const plan = samplePlan();
    const odd = { ...plan.resourceChanges[0]!, address: 'x_box.created["a`b"]', index: 'a`b' };
    const md = renderMarkdown(buildReview({ ...plan, resourceChanges: [odd] }, { schemas }));
    expect(md).toContain('| `` x_box.created["a`b"] `` |');
  });
});
