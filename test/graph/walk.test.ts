import { describe, expect, test } from 'vitest';
import { Dag, walk } from '../../src/graph/index.js';

const tick = (ms = 1): Promise<void> => new Promise((r) => setTimeout(r, ms));

function diamond(): Dag {
  return new Dag().addEdge('b', 'a').addEdge('c', 'a').addEdge('d', 'b').addEdge('d', 'c').addNode('x');
}

describe('walk', () => {
  test('visits every node after its dependencies', async () => {
    const done: string[] = [];
    const g = diamond();
    const r = await walk(g, { parallelism: 4 }, async (id) => {
      for (const d of g.dependencies(id)) expect(done).toContain(d);
      await tick();
      done.push(id);
    });
    expect(done.sort()).toEqual(['a', 'b', 'c', 'd', 'x']);
    expect([...r.outcomes.values()].every((o) => o === 'succeeded')).toBe(true);
    expect(r.aborted).toBe(false);
  });

  test.each([1, 2, 3, 8])('never runs more than %i at once', async (parallelism) => {
    const g = new Dag();
    for (let i = 0; i < 30; i++) g.addNode(`n${i}`);
    for (let i = 10; i < 30; i++) g.addEdge(`n${i}`, `n${i % 10}`);
    let running = 0;
    let peak = 0;
    await walk(g, { parallelism }, async () => {
      running++;
      peak = Math.max(peak, running);
      await tick();
      running--;
    });
    expect(peak).toBe(parallelism);
  });

  test.each([
    ['throw', async (): Promise<boolean> => Promise.reject(new Error('boom'))],
    ['return false', async (): Promise<boolean> => false],
  ])('a failure (%s) skips its dependents and keeps independent work', async (_n, fail) => {
    const g = diamond();
    const r = await walk(g, { parallelism: 2 }, async (id) => (id === 'b' ? fail() : undefined));
    expect(Object.fromEntries(r.outcomes)).toEqual({ a: 'succeeded', b: 'failed', c: 'succeeded', d: 'skipped', x: 'succeeded' });
    expect(r.skippedBecause.get('d')).toBe('b');
    expect(r.errors.has('b')).toBe(_n === 'throw');
  });

  test('failure skips dependents transitively', async () => {
    const g = new Dag().addEdge('b', 'a').addEdge('c', 'b').addEdge('d', 'c');
    const r = await walk(g, { parallelism: 1 }, async (id) => id !== 'a');
    expect(Object.fromEntries(r.outcomes)).toEqual({ a: 'failed', b: 'skipped', c: 'skipped', d: 'skipped' });
  });

  test('abort stops scheduling, waits for running visits and cancels the rest', async () => {
    const g = new Dag();
    for (let i = 0; i < 10; i++) g.addNode(`n${i}`);
    const ac = new AbortController();
    const started: string[] = [];
    let sawAbort = false;
    const r = await walk(g, { parallelism: 2, signal: ac.signal }, async (id, signal) => {
      started.push(id);
      if (started.length === 2) ac.abort();
      await tick(5);
      if (signal.aborted) sawAbort = true;
    });
    expect(started).toEqual(['n0', 'n1']);
    expect(sawAbort).toBe(true);
    expect(r.aborted).toBe(true);
    expect(r.outcomes.get('n0')).toBe('succeeded');
    expect([...r.outcomes.values()].filter((o) => o === 'cancelled')).toHaveLength(8);
  });

  test('an already-aborted signal runs nothing', async () => {
    const ac = new AbortController();
    ac.abort();
    let ran = 0;
    const r = await walk(diamond(), { parallelism: 3, signal: ac.signal }, async () => void ran++);
    expect(ran).toBe(0);
    expect([...r.outcomes.values()].every((o) => o === 'cancelled')).toBe(true);
  });

  test('start order among ready nodes is deterministic', async () => {
    const g = new Dag().addNode('c').addNode('a').addNode('b');
    const order: string[] = [];
    await walk(g, { parallelism: 1 }, async (id) => void order.push(id));
    expect(order).toEqual(['a', 'b', 'c']);
  });

  test('a cyclic graph is refused', async () => {
    await expect(walk(new Dag().addEdge('a', 'b').addEdge('b', 'a'), { parallelism: 1 }, async () => {})).rejects.toThrow(/cycle/);
  });

  test('empty graph resolves', async () => {
    const r = await walk(new Dag(), { parallelism: 1 }, async () => {});
    expect(r.outcomes.size).toBe(0);
  });
});
