import { describe, expect, test } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { eventually, startTestCloud } from '../helpers/emulator.js';
import { runMinitf, seededRandom, spawnMinitf } from '../helpers/process.js';
import { cloudEnv, cloudIds, KIND_OF_TYPE, readState, sorted, stateObjects, workdir } from './support.js';

/**
 * Issue 6: `minitf apply` SIGKILLed at random moments must lose nothing. The kill points come from a
 * seeded generator (`RESILIENCE_SEED`, default below; the seed is in the test name and the log); the
 * number of kills from `RESILIENCE_KILLS` (default 20; `RESILIENCE_KILLS=100 npx vitest run
 * test/resilience/crash.test.ts` runs the long version).
 */
const SEED = Number(process.env.RESILIENCE_SEED ?? 20261128);
const KILLS = Number(process.env.RESILIENCE_KILLS ?? 20);

/** How many objects of each type the configuration `fixtures/crash50` declares. */
const EXPECTED: Readonly<Record<string, number>> = {
  alicloud_vpc: 2,
  alicloud_vswitch: 20,
  alicloud_security_group: 20,
  alicloud_instance: 1,
  alicloud_image: 1,
  alicloud_image_copy: 6,
};

/** A progress line of apply or destroy (the moments a kill is aimed at). */
const PROGRESS = /: (Creating|Destroying|Modifying)\.\.\.$|: (Creation|Destruction|Modifications) complete after /;

/** A request-log line of a call that changes the cloud (`POST CreateVpc 2016-04-28 cn-hangzhou 200 3ms`). */
const MUTATING = /^\S+ (Create|Run|Copy|Delete|Cancel|Modify|Tag|Untag|UnTag)\w* /;

/**
 * Where one run is killed: a delay after the n-th call that changes the cloud was answered (the
 * moments around a create: before its answer is journaled, before `recordPartial`, while waiting),
 * a delay after the n-th progress line, or a time after the process started (start-up, lock,
 * refresh, planning).
 */
type KillPoint =
  | { readonly kind: 'call'; readonly n: number; readonly delayMs: number }
  | { readonly kind: 'line'; readonly n: number; readonly delayMs: number }
  | { readonly kind: 'time'; readonly atMs: number };

function pickKillPoint(rnd: () => number): KillPoint {
  const r = rnd();
  if (r < 0.15) return { kind: 'time', atMs: Math.floor(rnd() * 4000) };
  if (r < 0.35) return { kind: 'line', n: 1 + Math.floor(rnd() * 6), delayMs: Math.floor(rnd() * 200) };
  return { kind: 'call', n: 1 + Math.floor(rnd() * 8), delayMs: Math.floor(rnd() * 40) };
}

function describePoint(p: KillPoint): string {
  if (p.kind === 'time') return `${p.atMs} ms after start`;
  return `${p.delayMs} ms after ${p.kind === 'line' ? 'progress line' : 'cloud-changing call'} ${p.n}`;
}

/**
 * The crash-safety invariant between runs: the state is readable and has no address twice, and for
 * each kind of cloud object, those the state does not know are at most the pending create intents
 * for that kind (each intent is repeated with its ClientToken, which finds the object it made).
 */
async function checkBetweenRuns(emu: RunningEmulator, dir: string, where: string): Promise<void> {
  const { state, pending } = await readState(dir);
  const objs = stateObjects(state);
  const current = objs.filter((o) => !o.deposed).map((o) => o.address);
  expect(new Set(current).size, `${where}: an address appears twice in state`).toBe(current.length);
  const dump = emu.control.dump();
  for (const kind of new Set(Object.values(KIND_OF_TYPE))) {
    const known = new Set(objs.filter((o) => KIND_OF_TYPE[o.type] === kind).map((o) => o.id));
    const unknown = cloudIds(dump, kind).filter((id) => !known.has(id));
    const intents = pending.filter((i) => KIND_OF_TYPE[i.resource.type] === kind).length;
    expect(unknown.length, `${where}: ${kind} in the cloud but not in state (${unknown.join(', ')}) beyond the ${intents} pending intents`).toBeLessThanOrEqual(intents);
  }
}

describe('crash safety of apply (issue 6)', () => {
  test(
    `apply of 50 resources SIGKILLed ${KILLS} times at seeded random moments (seed ${SEED}) converges with every cloud object in state exactly once`,
    async () => {
      let onCall: (line: string) => void = () => {};
      const { emu } = await startTestCloud({ speed: 100, seed: SEED, log: (line) => onCall(line) });
      const log: string[] = [`crash test: seed ${SEED}, ${KILLS} kills`];
      try {
        const dir = workdir('crash50');
        const env = cloudEnv(emu);
        const rnd = seededRandom(SEED);
        let kills = 0;
        let runs = 0;
        let mode: 'apply' | 'destroy' = 'apply';
        const failures: string[] = [];
        // Bounded: runs that fail or are never killed end the loop (the assertions below then fail).
        while (kills < KILLS && failures.length < 3 && runs < KILLS * 3) {
          runs++;
          const point = pickKillPoint(rnd);
          const p = spawnMinitf([mode, '-auto-approve', '-no-color'], { cwd: dir, env });
          let lines = 0;
          let calls = 0;
          let lastLine = '(none)';
          let lastCall = '(none)';
          let timer: NodeJS.Timeout | undefined;
          const kill = () => p.signal('SIGKILL');
          if (point.kind === 'time') timer = setTimeout(kill, point.atMs);
          p.onLine((line) => {
            if (!PROGRESS.test(line)) return;
            lastLine = line;
            if (point.kind === 'line' && ++lines === point.n) timer = setTimeout(kill, point.delayMs);
          });
          onCall = (line) => {
            if (!MUTATING.test(line)) return;
            lastCall = line;
            if (point.kind === 'call' && ++calls === point.n) timer = setTimeout(kill, point.delayMs);
          };
          const r = await p.exited;
          onCall = () => {};
          clearTimeout(timer);
          if (r.signal === 'SIGKILL') {
            kills++;
            log.push(`kill ${kills} (run ${runs}, ${mode}): ${describePoint(point)}; last progress line: ${lastLine}; last cloud-changing call: ${lastCall}`);
            await checkBetweenRuns(emu, dir, `after kill ${kills}`);
          } else if (r.code === 0) {
            log.push(`run ${runs} (${mode}) finished before its kill point (${describePoint(point)})`);
            // Everything is applied: destroy (with kills) and apply again, so every kill hits work.
            mode = mode === 'apply' ? 'destroy' : 'apply';
          } else {
            failures.push(`run ${runs} (${mode}) exited ${r.code}:\n${r.stderr}\n${r.stdout.slice(-3000)}`);
            log.push(`run ${runs} (${mode}) FAILED with exit ${r.code}`);
          }
        }
        // Converge: apply without kills until it succeeds, then a plan shows nothing to do.
        let converged = false;
        for (let i = 0; i < 3 && !converged; i++) {
          const r = await runMinitf(['apply', '-auto-approve', '-no-color'], { cwd: dir, env });
          log.push(`converging apply ${i + 1}: exit ${r.code}${r.code === 0 ? ` (${/Apply complete![^\n]*/.exec(r.stdout)?.[0]})` : ''}`);
          if (r.code === 0) converged = true;
          else failures.push(`converging apply ${i + 1} exited ${r.code}:\n${r.stderr}\n${r.stdout.slice(-3000)}`);
        }
        const plan = await runMinitf(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir, env });
        log.push(`final plan -detailed-exitcode: exit ${plan.code}`);
        console.log(log.join('\n'));
        expect(failures, 'runs that were not killed must succeed').toEqual([]);
        expect(converged).toBe(true);
        expect(plan.code, plan.stdout + plan.stderr).toBe(0);
        expect(kills).toBeGreaterThanOrEqual(KILLS);

        // Let deletions finish in the emulator, then compare the cloud with the state.
        emu.control.advance(10 * 60_000);
        const dump = emu.control.dump();
        const { state, pending } = await readState(dir);
        expect(pending).toEqual([]);
        const objs = stateObjects(state);
        expect(objs.filter((o) => o.tainted || o.deposed)).toEqual([]);
        const perType: Record<string, number> = {};
        for (const o of objs) perType[o.type] = (perType[o.type] ?? 0) + 1;
        expect(perType).toEqual(EXPECTED);
        for (const kind of new Set(Object.values(KIND_OF_TYPE))) {
          const inState = objs.filter((o) => KIND_OF_TYPE[o.type] === kind).map((o) => o.id);
          expect(new Set(inState).size, `${kind}: an ID is in state twice`).toBe(inState.length);
          expect(sorted(cloudIds(dump, kind)), `${kind}: cloud and state differ (duplicated or orphaned objects)`).toEqual(sorted(inState as string[]));
        }
        // Copies are made with delete_auto_snapshot: a kill between DeleteImage and DeleteSnapshot leaves
        // a pending delete that a later apply finishes from the recorded snapshot IDs.
        const images = new Set(objs.filter((o) => o.type === 'alicloud_image_copy').map((o) => o.id));
        const orphans = ['cn-shanghai', 'cn-beijing'].flatMap((region) => dump.regions[region]!.snapshots.filter((x) => !images.has(x.imageId)).map((x) => `${x.id} (${region}, of ${x.imageId})`));
        console.log(`snapshots left by deleted copies: ${orphans.length ? orphans.join(', ') : 'none'}`);
      } finally {
        await emu.close();
      }
    },
    120_000 + KILLS * 20_000,
  );
});

describe('crash safety of the image copy delete', () => {
  test(
    'destroy killed after DeleteImage answered, while waiting for the copy to vanish: the next destroy still deletes its snapshots',
    async () => {
      const { emu } = await startTestCloud({ speed: 1000 });
      try {
        const dir = workdir('snapshots');
        const env = cloudEnv(emu);
        const a = await runMinitf(['apply', '-auto-approve', '-no-color'], { cwd: dir, env });
        expect(a.code, a.stdout + a.stderr).toBe(0);
        const copyId = stateObjects((await readState(dir)).state).find((o) => o.address === 'alicloud_image_copy.copy')!.id!;
        const snapshots = () => emu.control.dump().regions['cn-shanghai']!.snapshots.filter((x) => x.imageId === copyId).map((x) => x.id);
        expect(snapshots().length).toBeGreaterThan(0);

        // Frozen clock: after DeleteImage the copy stays visible, so the handler is still waiting to
        // delete its snapshots when the kill comes.
        emu.control.setSpeed(0);
        const p = spawnMinitf(['destroy', '-auto-approve', '-no-color', '-target=alicloud_image_copy.copy'], { cwd: dir, env });
        await eventually(async () => (emu.control.requestLog().some((e) => e.action === 'DeleteImage' && e.status === 200) ? true : undefined), 60_000);
        p.signal('SIGKILL');
        expect((await p.exited).signal).toBe('SIGKILL');
        emu.control.setSpeed(1000);
        emu.control.advance(60_000); // the copy is gone now; its snapshots are not

        const again = await runMinitf(['destroy', '-auto-approve', '-no-color', '-target=alicloud_image_copy.copy'], { cwd: dir, env });
        expect(again.code, again.stdout + again.stderr).toBe(0);
        expect(stateObjects((await readState(dir)).state).map((o) => o.address)).not.toContain('alicloud_image_copy.copy');
        expect(snapshots(), 'snapshots of the destroyed copy').toEqual([]);
      } finally {
        await emu.close();
      }
    },
    120_000,
  );
});
