import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const probe = fileURLToPath(new URL('./fixtures/lazy-probe.ts', import.meta.url));

function run(args: string[]): { before: number; after: number; clients: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', probe, ...args], { encoding: 'utf8', timeout: 55_000 });
  return JSON.parse(out) as { before: number; after: number; clients: number };
}

describe('lazy SDK loading', () => {
  test('configure, validate, plan and client() load no SDK package; the first client does', () => {
    const idle = run([]);
    expect(idle.before).toBe(0);
    const used = run(['--call']);
    expect(used.before).toBe(0);
    expect(used.after).toBeGreaterThan(0);
    expect(used.clients).toBe(2);
  }, 120_000);
});
