import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openBackend, StateIndex } from '../../src/states/index.js';
import { tempDir } from './helpers/tmp.js';

/** A small seeded PRNG (mulberry32), so the kill points are the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs the append loop until it has acknowledged `acks` more instances, then SIGKILLs it. Returns the last ACK. */
function runUntilKilled(statePath: string, acks: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'helpers', 'append-loop.ts'), statePath], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let seen = 0;
    let last = -1;
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const m = /^ACK (\d+)$/.exec(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
        if (!m) continue;
        last = Number(m[1]);
        if (++seen === acks) child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(last) : reject(new Error(`append loop exited with ${code}`))));
  });
}

describe('killed writers', () => {
  test('after each SIGKILL (seeded points, mid-append or mid-snapshot) the state is readable and holds every acknowledged object exactly once', async () => {
    const dir = tempDir();
    const statePath = join(dir, 'terraform.tfstate');
    const next = rng(20261128);
    let acknowledged = -1;
    for (let round = 0; round < 4; round++) {
      acknowledged = await runUntilKilled(statePath, 10 + Math.floor(next() * 60));
      const { state, pending } = await openBackend({ cwd: dir, env: {}, statePath }).value!.read();
      const addrs = new StateIndex(state!).addresses();
      const want = Array.from({ length: acknowledged + 1 }, (_, n) => `terraform_data.n[${n}]`);
      // Everything acknowledged is there, once; at most the one in flight when killed is extra.
      expect(addrs.slice(0, want.length)).toEqual(want);
      expect(addrs.length - want.length).toBeLessThanOrEqual(1);
      expect(new Set(addrs).size).toBe(addrs.length);
      expect(pending.length).toBeLessThanOrEqual(1);
    }
  }, 120_000);
});
