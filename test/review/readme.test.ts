import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
const yamlBlocks = (text: string) => [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('README: plan review', () => {
  test('the screenshot it shows is a committed PNG', () => {
    const m = /!\[[^\]]*\]\((docs\/images\/plan-review\.png)\)/.exec(readme);
    expect(m).not.toBeNull();
    expect(readFileSync(join(REPO, m![1]!)).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  test('the CI job that posts the Markdown comment is the one examples/ci-dry-run documents and runs', () => {
    const job = yamlBlocks(readme).find((y) => y.includes('gh pr comment'));
    expect(job).toBeDefined();
    expect(yamlBlocks(readFileSync(join(REPO, 'examples', 'ci-dry-run', 'README.md'), 'utf8'))).toContain(job);
    // The file it posts is the one dry-run.sh writes with show -markdown (test/e2e/examples.test.ts runs it).
    expect(job).toContain('--body-file examples/ci-dry-run/plan.md');
    expect(readFileSync(join(REPO, 'examples', 'ci-dry-run', 'dry-run.sh'), 'utf8')).toMatch(/show -markdown dry-run\.tfplan > plan\.md/);
  });
});
