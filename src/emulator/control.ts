import type { Clock } from './clock.js';
import { isoSeconds } from './clock.js';
import type { FaultConfig, Faults, InjectedError } from './faults.js';
import type { ImageRecord, InstanceRecord, ResourceKind, SecurityGroupRecord, SnapshotRecord, VpcRecord, VSwitchRecord } from './model.js';
import { KIND_COLLECTION } from './model.js';
import { subSeed } from './random.js';
import type { RequestLog, RequestLogEntry } from './requestLog.js';
import type { Store } from './store.js';

/** The user resources of one region, by kind, oldest first. */
export interface RegionDump {
  readonly images: readonly ImageRecord[];
  readonly snapshots: readonly SnapshotRecord[];
  readonly instances: readonly InstanceRecord[];
  readonly vpcs: readonly VpcRecord[];
  readonly vswitches: readonly VSwitchRecord[];
  readonly securityGroups: readonly SecurityGroupRecord[];
}

/** Every user resource of the emulated cloud (system images excluded), settled to `now`. */
export interface EmulatorDump {
  /** Virtual time of the dump, epoch ms, and the same as `YYYY-MM-DDTHH:mm:ssZ`. */
  readonly now: number;
  readonly time: string;
  readonly speed: number;
  /** Every known region, including empty ones. */
  readonly regions: Readonly<Record<string, RegionDump>>;
}

/**
 * Test and operator controls of a running emulator (also served as unauthenticated JSON under
 * `/_emulator/`). None of this is part of the cloud API.
 */
export interface EmulatorControl {
  /** Forgets every resource, ClientToken and log entry; faults, speed and seed return to the start options. */
  reset(): void;
  /** Restarts the ID and fault generators from `seed` (resources are kept). */
  seed(seed: number): void;
  /** Replaces the fault configuration (throws RangeError on bad values). */
  setFaults(cfg: FaultConfig): void;
  /** The current fault configuration. */
  faults(): FaultConfig;
  /** Answers the next call(s) of `action` with a chosen API error (e.g. `TaskConflict`); reset clears it. */
  injectError(action: string, err: InjectedError): void;
  /** Sets the lifecycle speed factor (≥ 0; 0 freezes the clock, then use `advance`). */
  setSpeed(speed: number): void;
  /** Moves the emulator clock forward by `ms` virtual milliseconds. */
  advance(ms: number): void;
  /** Current virtual time, epoch ms. */
  now(): number;
  /** Every user resource by region and kind. */
  dump(): EmulatorDump;
  /** API calls seen since start or the last reset/clear (action, region, time, status). */
  requestLog(): readonly RequestLogEntry[];
  /** Empties the request log. */
  clearRequestLog(): void;
  /** Deletes a resource out of band (drift tests), ignoring dependencies; true when it existed. */
  deleteResource(kind: ResourceKind, id: string): boolean;
}

/** Builds the control object over a server's parts; `initial` holds the start options reset returns to. */
export function makeControl(parts: {
  store: Store;
  clock: Clock;
  faults: Faults;
  requestLog: RequestLog;
  initial: { seed: number; speed: number; faults: FaultConfig };
}): EmulatorControl {
  const { store, clock, faults, requestLog, initial } = parts;
  let currentSeed = initial.seed;
  return {
    reset() {
      currentSeed = initial.seed;
      store.reset(currentSeed, clock.now());
      faults.set(initial.faults);
      faults.clearInjected();
      faults.reseed(subSeed(currentSeed, 'faults'));
      clock.setSpeed(initial.speed);
      requestLog.clear();
      store.save(clock.now());
    },
    seed(seed: number) {
      if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
      currentSeed = seed;
      store.reseed(seed);
      faults.reseed(subSeed(seed, 'faults'));
    },
    setFaults(cfg: FaultConfig) {
      faults.set(cfg);
    },
    faults() {
      return faults.config;
    },
    injectError(action: string, err: InjectedError) {
      faults.inject(action, err);
    },
    setSpeed(speed: number) {
      clock.setSpeed(speed);
    },
    advance(ms: number) {
      clock.advance(ms);
    },
    now() {
      return clock.now();
    },
    dump(): EmulatorDump {
      const now = clock.now();
      store.settle(now);
      const data = store.snapshot();
      const regions: Record<string, RegionDump> = {};
      for (const r of store.regions()) {
        const d = data.regions[r.info.id];
        const list = <T extends { createdAt: number; id: string }>(c: Record<string, T> | undefined): T[] => Object.values(c ?? {}).sort((a, b) => a.createdAt - b.createdAt);
        regions[r.info.id] = {
          images: list(d?.images),
          snapshots: list(d?.snapshots),
          instances: list(d?.instances),
          vpcs: list(d?.vpcs),
          vswitches: list(d?.vswitches),
          securityGroups: list(d?.securityGroups),
        };
      }
      return { now, time: isoSeconds(now), speed: clock.speed, regions };
    },
    requestLog() {
      return requestLog.list();
    },
    clearRequestLog() {
      requestLog.clear();
    },
    deleteResource(kind: ResourceKind, id: string) {
      if (!(kind in KIND_COLLECTION)) throw new RangeError(`unknown resource kind "${kind}"; use one of ${Object.keys(KIND_COLLECTION).join(', ')}`);
      const done = store.deleteResource(kind, id);
      if (done) store.save(clock.now());
      return done;
    },
  };
}

/**
 * Serves the control object over HTTP: `GET /_emulator/dump`, `GET|DELETE /_emulator/requests`,
 * `POST /_emulator/reset`, `POST /_emulator/seed {seed}`, `GET|PUT /_emulator/faults`,
 * `GET|POST /_emulator/clock {speed?, advanceMs?}`, `DELETE /_emulator/resources/<kind>/<id>`,
 * `POST /_emulator/inject {action, code, status, message?, times?, after?}`,
 * `GET /_emulator/health`. Returns the status and JSON body.
 */
export function controlRequest(control: EmulatorControl, method: string, path: string, body: unknown): { status: number; body: unknown } {
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  const b = (body ?? {}) as Record<string, unknown>;
  switch (route) {
    case 'GET /_emulator/health':
      return { status: 200, body: { ok: true } };
    case 'GET /_emulator/dump':
      return { status: 200, body: control.dump() };
    case 'GET /_emulator/requests':
      return { status: 200, body: { requests: control.requestLog() } };
    case 'DELETE /_emulator/requests':
      control.clearRequestLog();
      return { status: 200, body: { ok: true } };
    case 'POST /_emulator/reset':
      control.reset();
      return { status: 200, body: { ok: true } };
    case 'POST /_emulator/seed':
      control.seed(Number(b['seed']));
      return { status: 200, body: { ok: true } };
    case 'GET /_emulator/faults':
      return { status: 200, body: control.faults() };
    case 'PUT /_emulator/faults':
    case 'POST /_emulator/faults':
      control.setFaults(b as FaultConfig);
      return { status: 200, body: control.faults() };
    case 'POST /_emulator/inject': {
      const { action, ...err } = b as unknown as { action: string } & InjectedError;
      control.injectError(action, err);
      return { status: 200, body: { ok: true } };
    }
    case 'GET /_emulator/clock':
      return { status: 200, body: { now: control.now(), time: isoSeconds(control.now()) } };
    case 'POST /_emulator/clock':
      if (b['speed'] !== undefined) control.setSpeed(Number(b['speed']));
      if (b['advanceMs'] !== undefined) control.advance(Number(b['advanceMs']));
      return { status: 200, body: { now: control.now(), time: isoSeconds(control.now()) } };
  }
  const m = /^DELETE \/_emulator\/resources\/([A-Za-z]+)\/([^/]+)$/.exec(route);
  if (m) {
    const found = control.deleteResource(m[1] as ResourceKind, decodeURIComponent(m[2]!));
    return { status: found ? 200 : 404, body: { deleted: found } };
  }
  return { status: 404, body: { error: `no control endpoint ${route}` } };
}
