import { Random } from './random.js';
import { ApiError, ServiceUnavailable, ThrottlingUser } from './errors.js';

/** Fault settings for all actions or for one action. Rates are probabilities in [0, 1]. */
export interface FaultRule {
  /** Share of calls answered 400 `Throttling.User` (nothing happens). */
  readonly throttleRate?: number;
  /** Share of calls answered 503 `ServiceUnavailable` before anything happens. */
  readonly errorRate?: number;
  /** Share of calls that take effect but are answered 503 `ServiceUnavailable` (a lost answer). */
  readonly errorAfterRate?: number;
  /** Fixed delay before each answer, real milliseconds. */
  readonly latencyMs?: number;
  /** Extra random delay in [0, jitterMs), real milliseconds. */
  readonly jitterMs?: number;
}

/** Fault injection: a global rule, per-action overrides, and switches for lifecycle faults. */
export interface FaultConfig extends FaultRule {
  /** Per action name (`CopyImage`), fields override the global rule. */
  readonly perAction?: Readonly<Record<string, FaultRule>>;
  /** `x-acs-retry-after` sent with throttling answers, ms (default 500). */
  readonly retryAfterMs?: number;
  /** When true, CancelCopyImage answers 400 `CancelNotSupported`. */
  readonly cancelNotSupported?: boolean;
  /** Share of new image copies and CreateImage images that end `CreateFailed` instead of `Available`. */
  readonly imageFailureRate?: number;
}

/** A specific API error to answer the next call(s) of one action with (see `Faults.inject`). */
export interface InjectedError {
  /** Error code, e.g. `TaskConflict`, `QuotaExceeded.Vpc`. */
  readonly code: string;
  /** HTTP status (e.g. 400, 403, 503). */
  readonly status: number;
  readonly message?: string;
  /** How many calls get it (default 1). */
  readonly times?: number;
  /** When true the call takes effect first (a lost answer), like `errorAfterRate`. */
  readonly after?: boolean;
}

/** What the fault layer decided for one call. */
export interface FaultDecision {
  /** Real milliseconds to wait before answering. */
  readonly delayMs: number;
  /** Answer with this error instead of running the action. */
  readonly before?: ApiError;
  /** Run the action, then answer with this error. */
  readonly after?: ApiError;
}

/**
 * Decides, per call, the injected latency and failures. Draws come from one seeded generator in call
 * order, so a sequence of calls gets the same faults for the same seed.
 */
export class Faults {
  private cfg: FaultConfig;
  private rng: Random;
  private injected: { action: string; err: InjectedError; remaining: number }[] = [];
  constructor(cfg: FaultConfig = {}, seed = 1) {
    this.cfg = validateFaults(cfg);
    this.rng = new Random(seed);
  }
  /** The current configuration. */
  get config(): FaultConfig {
    return this.cfg;
  }
  /** Replaces the configuration (validated: rates in [0, 1], delays ≥ 0). */
  set(cfg: FaultConfig): void {
    this.cfg = validateFaults(cfg);
  }
  /** Restarts the generator from `seed`. */
  reseed(seed: number): void {
    this.rng = new Random(seed);
  }
  /** One draw in [0, 1) from the fault generator (also used for lifecycle faults). */
  draw(): number {
    return this.rng.next();
  }
  /** Queues `err` for the next `err.times` (default 1) calls of `action`, ahead of random faults. */
  inject(action: string, err: InjectedError): void {
    const times = err.times ?? 1;
    if (!action || !err.code || !Number.isInteger(err.status) || err.status < 400 || err.status > 599 || !Number.isInteger(times) || times < 1) {
      throw new RangeError('an injected error needs an action, a code, an HTTP status 400–599 and times ≥ 1');
    }
    this.injected.push({ action, err, remaining: times });
  }
  /** Drops every queued injected error. */
  clearInjected(): void {
    this.injected = [];
  }
  /** Decides latency and failures for one call of `action`. */
  decide(action: string): FaultDecision {
    const r = { ...stripPerAction(this.cfg), ...(this.cfg.perAction?.[action] ?? {}) };
    let delayMs = r.latencyMs ?? 0;
    if (r.jitterMs && r.jitterMs > 0) delayMs += this.rng.next() * r.jitterMs;
    const inj = this.injected.find((i) => i.action === action);
    if (inj) {
      if (--inj.remaining <= 0) this.injected.splice(this.injected.indexOf(inj), 1);
      const e = new ApiError(inj.err.code, inj.err.status, inj.err.message ?? `Injected error ${inj.err.code}.`);
      return inj.err.after ? { delayMs, after: e } : { delayMs, before: e };
    }
    if (r.throttleRate && this.rng.next() < r.throttleRate) return { delayMs, before: new ThrottlingUser(this.cfg.retryAfterMs ?? 500) };
    if (r.errorRate && this.rng.next() < r.errorRate) return { delayMs, before: new ServiceUnavailable() };
    if (r.errorAfterRate && this.rng.next() < r.errorAfterRate) return { delayMs, after: new ServiceUnavailable() };
    return { delayMs };
  }
}

function stripPerAction(c: FaultConfig): FaultRule {
  const { perAction: _p, ...rest } = c;
  return rest;
}

/** Checks a fault configuration and returns it; throws RangeError on out-of-range values. */
export function validateFaults(cfg: FaultConfig): FaultConfig {
  const rules: [string, FaultRule][] = [['', cfg], ...Object.entries(cfg.perAction ?? {})];
  for (const [where, r] of rules) {
    for (const k of ['throttleRate', 'errorRate', 'errorAfterRate'] as const) {
      const v = r[k];
      if (v !== undefined && !(typeof v === 'number' && v >= 0 && v <= 1)) throw new RangeError(`fault ${where ? where + '.' : ''}${k} must be in [0, 1], got ${String(v)}`);
    }
    for (const k of ['latencyMs', 'jitterMs'] as const) {
      const v = r[k];
      if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v >= 0)) throw new RangeError(`fault ${where ? where + '.' : ''}${k} must be ≥ 0, got ${String(v)}`);
    }
  }
  const f = cfg.imageFailureRate;
  if (f !== undefined && !(f >= 0 && f <= 1)) throw new RangeError(`fault imageFailureRate must be in [0, 1], got ${String(f)}`);
  return cfg;
}
