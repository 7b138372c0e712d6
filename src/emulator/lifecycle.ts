import type { ImageRecord, Lifecycle, RegionData } from './model.js';

/** Durations of the emulated lifecycles, in virtual ms (the clock's speed divides them in real time). */
export const DURATIONS = {
  copyImage: 60_000,
  createImage: 30_000,
  /** `Usable` turns true this long after `Available` (the reference provider waits for it). */
  imageUsableLag: 2_000,
  deleteImage: 2_000,
  instancePending: 5_000,
  instanceStarting: 10_000,
  instanceStopping: 5_000,
  instanceRelease: 3_000,
  vpcPending: 3_000,
  vpcDeleting: 2_000,
  vswitchPending: 3_000,
  vswitchDeleting: 2_000,
} as const;

/** At most this many copies are `Creating` per destination region; the rest are `Waiting`. */
export const MAX_CONCURRENT_COPIES = 5;

/** Where a lifecycle stands at `now`: the status shown (`null` = gone), whether it ended, progress of the step. */
export function lifecycleAt(lc: Lifecycle, now: number): { status: string | null; done: boolean; fraction: number; endedAt: number } {
  let t = lc.at;
  for (const [status, d] of lc.steps) {
    if (now < t + d) return { status, done: false, fraction: d > 0 ? Math.max(0, now - t) / d : 1, endedAt: t + d };
    t += d;
  }
  return { status: lc.final, done: true, fraction: 1, endedAt: t };
}

/** Starts a lifecycle at `now`. */
export function startLifecycle(now: number, steps: [string, number][], final: string | null): Lifecycle {
  return { at: now, steps, final };
}

function pct(f: number): string {
  return `${Math.min(100, Math.max(0, Math.floor(f * 100)))}%`;
}

/** Generic settle for records that only have a lifecycle: returns false when the record is gone. */
function settleSimple(rec: { status: string; lifecycle?: Lifecycle }, now: number): boolean {
  if (!rec.lifecycle) return true;
  const at = lifecycleAt(rec.lifecycle, now);
  if (at.status === null) return false;
  rec.status = at.status;
  if (at.done) delete rec.lifecycle;
  return true;
}

/**
 * Brings every object of a region up to `now`: lifecycle steps become statuses, finished deletions
 * remove objects, queued image copies start when a slot frees. Deterministic in the timestamps, so it
 * can run at any moment (the server runs it before every call) and no timers are needed.
 */
export function settleRegion(r: RegionData, now: number): void {
  for (const [id, inst] of Object.entries(r.instances)) {
    if (!inst.lifecycle) continue;
    const at = lifecycleAt(inst.lifecycle, now);
    if (at.status === null) {
      delete r.instances[id];
      continue;
    }
    inst.status = at.status;
    if (at.done) {
      if (at.status === 'Running') inst.startedAt = at.endedAt;
      delete inst.lifecycle;
    }
  }
  for (const [id, v] of Object.entries(r.vpcs)) if (!settleSimple(v, now)) delete r.vpcs[id];
  for (const [id, v] of Object.entries(r.vswitches)) if (!settleSimple(v, now)) delete r.vswitches[id];
  settleCopies(r, now);
  for (const [id, img] of Object.entries(r.images)) {
    if (img.lifecycle) {
      const at = lifecycleAt(img.lifecycle, now);
      if (at.status === null) {
        delete r.images[id];
        continue;
      }
      img.status = at.status;
      img.progress = at.done || img.deleting ? '100%' : pct(at.fraction);
      if (at.done) {
        delete img.lifecycle;
        if (img.status === 'Available') img.usableAt ??= at.endedAt + DURATIONS.imageUsableLag;
      }
    } else if (img.copy && !img.copy.done) {
      settleCopyStatus(img, now);
    }
    img.usable = img.status === 'Available' && img.usableAt !== undefined && now >= img.usableAt;
  }
}

function settleCopyStatus(img: ImageRecord, now: number): void {
  const c = img.copy!;
  if (c.startAt === undefined || now < c.startAt) {
    img.status = 'Waiting';
    img.progress = '0%';
    return;
  }
  const end = c.startAt + c.durationMs;
  if (now < end) {
    img.status = 'Creating';
    img.progress = pct((now - c.startAt) / c.durationMs);
    return;
  }
  c.done = true;
  img.status = c.fails ? 'CreateFailed' : 'Available';
  img.progress = '100%';
  if (!c.fails) img.usableAt = end + DURATIONS.imageUsableLag;
}

/** Assigns start times to queued copies (FIFO, at most MAX_CONCURRENT_COPIES running at once). */
function settleCopies(r: RegionData, now: number): void {
  const from = r.copySettledUntil;
  const copies = Object.values(r.images).filter((i) => i.copy);
  const started = copies.filter((i) => i.copy!.startAt !== undefined).map((i) => ({ start: i.copy!.startAt!, end: i.copy!.startAt! + i.copy!.durationMs }));
  const waiting = copies
    .filter((i) => i.copy!.startAt === undefined)
    .sort((a, b) => a.copy!.requestedAt - b.copy!.requestedAt || (a.id < b.id ? -1 : 1));
  for (const img of waiting) {
    const c = img.copy!;
    let t = Math.max(c.requestedAt, from);
    const active = (at: number): number => started.filter((s) => s.start <= at && at < s.end).length;
    while (active(t) >= MAX_CONCURRENT_COPIES) {
      const next = Math.min(...started.filter((s) => s.start <= t && t < s.end).map((s) => s.end));
      t = next;
    }
    if (t > now) break;
    c.startAt = t;
    started.push({ start: t, end: t + c.durationMs });
  }
  r.copySettledUntil = Math.max(from, now);
}
