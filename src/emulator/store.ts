import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { findRegion, REGIONS, type RegionInfo } from './catalogue.js';
import { InvalidRegionIdNotFound } from './errors.js';
import { settleRegion } from './lifecycle.js';
import { emptyRegion, KIND_COLLECTION, type CloudData, type InstanceRecord, type RegionData, type ResourceKind, type SnapshotRecord, type TokenRecord } from './model.js';
import { Random, subSeed } from './random.js';

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/** One region's backend: its catalogue entry and the user's objects in it. */
export interface RegionBackend {
  readonly info: RegionInfo;
  readonly data: RegionData;
}

/**
 * The emulated cloud owned by one server: every region's objects, remembered ClientTokens and the ID
 * generator, optionally persisted to a JSON file (written atomically: temporary file, then rename).
 * No module-level state: two stores never share anything.
 */
export class Store {
  private data: CloudData;
  private ids: Random;
  private readonly dataFile: string | undefined;
  /** The data file's identity when this store last read or wrote it (another process may write it too). */
  private seen: string | undefined;

  /** Loads `dataFile` when it exists (a corrupt file throws), else starts an empty cloud. */
  constructor(opts: { dataFile?: string; seed: number }) {
    this.dataFile = opts.dataFile;
    const loaded = opts.dataFile && existsSync(opts.dataFile) ? readCloud(opts.dataFile) : undefined;
    this.seen = fileStamp(opts.dataFile);
    this.data = loaded ?? freshCloud(subSeed(opts.seed, 'ids'));
    this.ids = new Random(this.data.idState);
  }

  /**
   * Reads the data file again when another emulator process (a concurrent embedded run) wrote it since
   * this store last read or wrote it; true when it did.
   */
  reloadIfChanged(): boolean {
    if (!this.dataFile || fileStamp(this.dataFile) === this.seen || !existsSync(this.dataFile)) return false;
    this.data = readCloud(this.dataFile);
    this.ids = new Random(this.data.idState);
    this.seen = fileStamp(this.dataFile);
    return true;
  }

  /** Writes the data file unless another process wrote it since this store saw it (it then holds the newer cloud). */
  saveUnlessChanged(now: number): void {
    if (fileStamp(this.dataFile) === this.seen) this.save(now);
  }

  /** Virtual time recorded in the data file (0 for a new cloud), so the clock can resume from it. */
  get savedClock(): number {
    return this.data.clockNow;
  }

  /** The backend of `regionId`; unknown regions → 404 `InvalidRegionId.NotFound`. */
  region(regionId: string): RegionBackend {
    const info = findRegion(regionId);
    if (!info) throw new InvalidRegionIdNotFound(regionId);
    const data = (this.data.regions[regionId] ??= emptyRegion());
    return { info, data };
  }

  /** Every region's backend, in catalogue order. */
  regions(): RegionBackend[] {
    return REGIONS.map((r) => this.region(r.id));
  }

  /** Brings every region's lifecycles up to `now` and forgets expired ClientTokens. */
  settle(now: number): void {
    for (const r of Object.values(this.data.regions)) settleRegion(r, now);
    for (const [k, t] of Object.entries(this.data.tokens)) if (t.expiresAt <= now) delete this.data.tokens[k];
    this.data.clockNow = Math.max(this.data.clockNow, now);
  }

  /** A new ID `prefix-` + 20 lower-case alphanumerics, unique in the store. */
  newId(prefix: string): string {
    for (;;) {
      const id = `${prefix}-${this.ids.chars(20, ID_ALPHABET)}`;
      this.data.idState = this.ids.state;
      if (!this.exists(id)) return id;
    }
  }

  private exists(id: string): boolean {
    return Object.values(this.data.regions).some((r) => Object.values(KIND_COLLECTION).some((c) => id in r[c]) || Object.values(r.vpcs).some((v) => v.vRouterId === id || v.routeTableId === id));
  }

  /** The instance with that ID in any region (actions without RegionId), or undefined. */
  findInstance(id: string): InstanceRecord | undefined {
    for (const r of Object.values(this.data.regions)) if (r.instances[id]) return r.instances[id];
    return undefined;
  }

  /** The snapshot with that ID in any region, or undefined. */
  findSnapshot(id: string): SnapshotRecord | undefined {
    for (const r of Object.values(this.data.regions)) if (r.snapshots[id]) return r.snapshots[id];
    return undefined;
  }

  /** The remembered answer for a ClientToken key, or undefined. */
  token(key: string): TokenRecord | undefined {
    return this.data.tokens[key];
  }

  /** Remembers a successful answer for a ClientToken key for 24 hours of emulator time. */
  rememberToken(key: string, paramsKey: string, body: Record<string, unknown>, now: number): void {
    this.data.tokens[key] = { paramsKey, body, expiresAt: now + TOKEN_TTL_MS };
  }

  /** Removes one user resource immediately, whatever depends on it; true when it existed. */
  deleteResource(kind: ResourceKind, id: string): boolean {
    const coll = KIND_COLLECTION[kind];
    if (!coll) return false;
    for (const r of Object.values(this.data.regions)) {
      const c = r[coll] as Record<string, unknown>;
      if (id in c) {
        delete c[id];
        return true;
      }
    }
    return false;
  }

  /** Forgets every user resource and token (the ID generator restarts from `seed`). */
  reset(seed: number, now: number): void {
    this.data = freshCloud(subSeed(seed, 'ids'));
    this.data.clockNow = now;
    this.ids = new Random(this.data.idState);
  }

  /** Restarts the ID generator from `seed`. */
  reseed(seed: number): void {
    this.ids = new Random(subSeed(seed, 'ids'));
    this.data.idState = this.ids.state;
  }

  /** A deep copy of the cloud (for dumps). */
  snapshot(): CloudData {
    return structuredClone(this.data);
  }

  /** Writes the data file atomically (no-op without one). Throws on I/O errors. */
  save(now: number): void {
    if (!this.dataFile) return;
    this.data.clockNow = Math.max(this.data.clockNow, now);
    mkdirSync(dirname(this.dataFile), { recursive: true });
    const tmp = `${this.dataFile}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify(this.data));
      renameSync(tmp, this.dataFile);
      this.seen = fileStamp(this.dataFile);
    } catch (e) {
      try {
        unlinkSync(tmp);
      } catch {
        /* nothing to clean */
      }
      throw e;
    }
  }
}

function fileStamp(file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    const st = statSync(file);
    return `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return undefined;
  }
}

function freshCloud(idSeed: number): CloudData {
  return { version: 1, clockNow: 0, idState: idSeed, regions: {}, tokens: {} };
}

function readCloud(file: string): CloudData {
  const text = readFileSync(file, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`emulator data file ${file} is not valid JSON: ${(e as Error).message}`);
  }
  const d = parsed as Partial<CloudData>;
  if (!d || d.version !== 1 || typeof d.regions !== 'object' || typeof d.tokens !== 'object' || typeof d.idState !== 'number') {
    throw new Error(`emulator data file ${file} is not an emulator cloud (version 1)`);
  }
  for (const r of Object.values(d.regions as Record<string, RegionData>)) {
    const empty = emptyRegion();
    for (const k of Object.keys(empty) as (keyof RegionData)[]) if (r[k] === undefined) (r as unknown as Record<string, unknown>)[k] = empty[k];
  }
  return d as CloudData;
}
