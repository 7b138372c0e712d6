import { describe, expect, test } from 'vitest';
import { analyseProfile, type CpuProfile } from '../../bench/lib/profile.js';

/** A one-thread profile: each entry is a chain of frames (root first) sampled once for 1 ms. */
function profile(chains: { url: string; functionName: string }[][]): CpuProfile {
  const nodes: { id: number; callFrame: { url: string; functionName: string }; children: number[] }[] = [
    { id: 1, callFrame: { url: '', functionName: '(root)' }, children: [] },
  ];
  const samples: number[] = [];
  for (const chain of chains) {
    let parent = nodes[0]!;
    for (const frame of chain) {
      const node = { id: nodes.length + 1, callFrame: frame, children: [] as number[] };
      nodes.push(node);
      parent.children.push(node.id);
      parent = node;
    }
    samples.push(parent.id);
  }
  return { nodes, startTime: 0, endTime: samples.length * 1000, samples, timeDeltas: samples.map(() => 1000) };
}

describe('profile categories', () => {
  test('WebAssembly is hcl2json only under hcl2json: Node’s own cjs-module-lexer wasm is module loading', () => {
    const p = analyseProfile(
      profile([
        [{ url: 'node:internal/deps/cjs-module-lexer/lexer', functionName: 'initWasm' }, { url: '', functionName: 'instantiate' }],
        [{ url: 'node:internal/deps/cjs-module-lexer/lexer', functionName: 'parse' }, { url: 'wasm://wasm/abc', functionName: 'parseCJS' }],
        [{ url: 'file:///x/node_modules/@cdktf/hcl2json/wasm_exec.js', functionName: 'run' }, { url: 'wasm://wasm/def', functionName: 'main' }],
      ]),
    );
    const all = { ...p.beforeMain };
    for (const [k, v] of Object.entries(p.inMain)) all[k as keyof typeof all] = (all[k as keyof typeof all] ?? 0) + v;
    expect(all['hcl2json (Go WebAssembly)']).toBeCloseTo(1, 5);
    expect(all['module loading (resolve, tsx transform, evaluate)']).toBeCloseTo(2, 5);
  });
});
