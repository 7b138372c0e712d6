/**
 * Reads V8 CPU profiles (`node --cpu-prof`) of a minitf command and says where its time went: sampled
 * time per category (module loading, hcl2json's WebAssembly, schemas, the Alibaba SDK, the engine,
 * garbage collection, idle) of the sampled frame, or of its nearest caller when the frame is one of
 * Node's own helpers (so `zlib` under hcl2json counts as hcl2json), split at the moment `main()` of `src/cli/main.ts` first runs — before it
 * is the static module graph being loaded, after it the command's own work (lazy imports included).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** The categories time is put in, in display order. */
export const CATEGORIES = [
  'module loading (resolve, tsx transform, evaluate)',
  'V8 compile & native',
  'hcl2json (Go WebAssembly)',
  'schemas (ajv)',
  'Alibaba SDK',
  'configuration & expressions (src/config, src/lang)',
  'engine (src/core, plans, states, providers, cli)',
  'embedded emulator',
  'garbage collection',
  'idle (waiting: loader thread, I/O, network)',
  'other',
] as const;

/** One of `CATEGORIES`. */
export type Category = (typeof CATEGORIES)[number];

/** Where one thread's time went, in milliseconds. */
export interface Breakdown {
  /** Profile length (from the profiler's start, shortly after the process starts, to its end). */
  readonly totalMs: number;
  /** When `main()` first ran, from the profile's start; null when it never did. */
  readonly mainStartsMs: number | null;
  readonly beforeMain: Readonly<Record<Category, number>>;
  readonly inMain: Readonly<Record<Category, number>>;
  /** Busy (non-idle) time of the other threads (hcl2json's worker; tsx's loader thread from source). */
  readonly otherThreadsBusyMs: number;
  /** The other threads' busy time by category. */
  readonly otherThreads: Readonly<Record<Category, number>>;
}

/**
 * The category of one frame by itself: 'other' for frames that do not decide (Node's own helpers such
 * as `node:path`, `node:zlib`, `JSON.parse`), which then take their caller's category.
 */
export function categoryOf(f: CallFrame): Category {
  const u = f.url;
  if (!u) {
    if (f.functionName === '(idle)') return 'idle (waiting: loader thread, I/O, network)';
    if (f.functionName === '(garbage collector)') return 'garbage collection';
    if (f.functionName === '(program)') return 'V8 compile & native';
    if (/MessageChannel|receiveMessageOnPort|postMessage|Atomics|internalModuleStat|readFileUtf8/.test(f.functionName)) return 'module loading (resolve, tsx transform, evaluate)';
    // `WebAssembly.instantiate` and wasm frames take their caller's category: Node's own
    // cjs-module-lexer and undici's llhttp are WebAssembly too, in the main thread.
    return 'other';
  }
  if (u.startsWith('wasm://')) return 'other';
  if (u.includes('/@cdktf/hcl2json/')) return 'hcl2json (Go WebAssembly)';
  if (u.includes('/node_modules/')) {
    if (/\/node_modules\/(tsx|esbuild|get-tsconfig|source-map-support|resolve-pkg-maps)\//.test(u)) return 'module loading (resolve, tsx transform, evaluate)';
    if (/\/node_modules\/(ajv|fast-uri|json-schema-traverse|fast-deep-equal)\//.test(u)) return 'schemas (ajv)';
    if (/\/node_modules\/(@alicloud|@darabonba)\//.test(u)) return 'Alibaba SDK';
    return 'other';
  }
  if (/^node:internal\/(modules|url|source_map|worker|event_target|per_context\/messageport|vm|deps\/cjs-module-lexer|bootstrap\/realm)/.test(u)) {
    return 'module loading (resolve, tsx transform, evaluate)';
  }
  const src = /\/(?:src|dist)\/([^/]+)\//.exec(u)?.[1];
  if (src === 'schema') return 'schemas (ajv)';
  if (src === 'config' || src === 'lang') return 'configuration & expressions (src/config, src/lang)';
  if (src === 'emulator') return 'embedded emulator';
  if (src) return 'engine (src/core, plans, states, providers, cli)';
  return 'other';
}

function zero(): Record<Category, number> {
  return Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
}

/** The breakdown of one thread's profile (times in milliseconds). */
export function analyseProfile(p: CpuProfile): Omit<Breakdown, 'otherThreadsBusyMs' | 'otherThreads'> {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // A sample's category: its own frame's, or else its nearest caller's that decides.
  const catCache = new Map<number, Category>();
  const category = (id: number): Category => {
    const known = catCache.get(id);
    if (known !== undefined) return known;
    const own = categoryOf(byId.get(id)!.callFrame);
    const up = parent.get(id);
    const c = own !== 'other' || up === undefined ? own : category(up);
    catCache.set(id, c);
    return c;
  };
  const inMainCache = new Map<number, boolean>();
  const underMain = (id: number): boolean => {
    const known = inMainCache.get(id);
    if (known !== undefined) return known;
    const n = byId.get(id)!;
    const here = n.callFrame.functionName === 'main' && /\/(src\/cli\/main\.ts|dist\/cli\/main\.js)$/.test(n.callFrame.url);
    const up = parent.get(id);
    const r = here || (up !== undefined && underMain(up));
    inMainCache.set(id, r);
    return r;
  };
  const beforeMain = zero();
  const inMain = zero();
  let t = 0;
  let mainStarts: number | null = null;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    t += dt;
    const id = p.samples[i]!;
    if (mainStarts === null && underMain(id)) mainStarts = t;
    (mainStarts === null ? beforeMain : inMain)[category(id)] += dt;
  }
  return { totalMs: (p.endTime - p.startTime) / 1000, mainStartsMs: mainStarts, beforeMain, inMain };
}

/**
 * Reads the profiles `node --cpu-prof --cpu-prof-dir=DIR` left in `dir`: the main thread's (thread 0
 * in the file name `CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile`) is analysed, the others'
 * busy time is summed.
 */
export function readProfiles(dir: string): Breakdown {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const thread = (f: string): number => Number(f.split('.').at(-3));
  const main = files.find((f) => thread(f) === 0) ?? files[0];
  if (!main) throw new Error(`no CPU profile in ${dir}`);
  const load = (f: string): CpuProfile => JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile;
  let otherThreadsBusyMs = 0;
  const otherThreads = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  for (const f of files) {
    if (f === main) continue;
    const a = analyseProfile(load(f));
    for (const c of CATEGORIES) {
      if (c === 'idle (waiting: loader thread, I/O, network)') continue;
      otherThreadsBusyMs += a.beforeMain[c] + a.inMain[c];
      otherThreads[c] += a.beforeMain[c] + a.inMain[c];
    }
  }
  return { ...analyseProfile(load(main)), otherThreadsBusyMs, otherThreads };
}
