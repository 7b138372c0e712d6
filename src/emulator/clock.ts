/**
 * The emulator's clock: virtual epoch milliseconds that run `speed` times faster than real time and can
 * be moved forward by hand. Lifecycles are functions of this time, so a large speed makes them
 * near-instant and speed 0 freezes them (tests then step with `advance`). It never goes backwards.
 */
export class Clock {
  private baseVirtual: number;
  private baseReal: number;
  private rate: number;
  private readonly realNow: () => number;

  /** Starts at `start` virtual ms (default: real now) running at `speed` (≥ 0, default 1). */
  constructor(opts: { speed?: number; start?: number; realNow?: () => number } = {}) {
    this.realNow = opts.realNow ?? Date.now;
    this.baseReal = this.realNow();
    this.baseVirtual = opts.start ?? this.baseReal;
    this.rate = checkSpeed(opts.speed ?? 1);
  }

  /** Current virtual time, epoch milliseconds. */
  now(): number {
    return this.baseVirtual + (this.realNow() - this.baseReal) * this.rate;
  }

  /** Current speed factor. */
  get speed(): number {
    return this.rate;
  }

  /** Changes the speed from now on (durations are divided by it); the current time is kept. */
  setSpeed(speed: number): void {
    const v = this.now();
    this.rate = checkSpeed(speed);
    this.baseVirtual = v;
    this.baseReal = this.realNow();
  }

  /** Moves the clock forward by `ms` (≥ 0) virtual milliseconds. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance the clock by ${ms} ms`);
    this.baseVirtual += ms;
  }

  /** Moves the clock to `t` if that is later than now (used when loading a saved cloud). */
  catchUp(t: number): void {
    const now = this.now();
    if (t > now) this.baseVirtual += t - now;
  }
}

function checkSpeed(s: number): number {
  if (!Number.isFinite(s) || s < 0) throw new RangeError(`invalid clock speed ${s}: it must be a finite number ≥ 0`);
  return s;
}

/** Formats virtual ms as `YYYY-MM-DDTHH:mm:ssZ` (image, VPC, vSwitch, security group times). */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Formats virtual ms as `YYYY-MM-DDTHH:mmZ` (instance times, as ECS prints them). */
export function isoMinutes(ms: number): string {
  return new Date(Math.floor(ms)).toISOString().replace(/:\d{2}\.\d{3}Z$/, 'Z');
}
