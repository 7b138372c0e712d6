/**
 * The emulator folder owns a local Alibaba Cloud ECS (2014-05-26) + VPC (2016-04-28) RPC API that the
 * unmodified official SDK clients talk to: an HTTP server (`server.ts`) that routes by
 * `x-acs-action`/`x-acs-version`, verifies ACS3-HMAC-SHA256 (and v2) signatures (`auth.ts`), injects
 * faults (`faults.ts`) and answers JSON in the cloud's shapes; a store of regions, one backend each,
 * optionally persisted to a JSON file (`store.ts`); a speed-controlled clock (`clock.ts`) against which
 * lifecycles are evaluated lazily from timestamps (`lifecycle.ts`, no timers); and per-service request
 * handlers with error classes named after the real codes (`ecs/`, `vpc/`). It imports nothing from the
 * engine; the engine imports it only from the CLI's `emulator` command, the embedded mode and tests.
 *
 * Choices where the cloud's behaviour is unknown or undocumented (emulator choices):
 * - DescribeImages: no `Status` → `Available` only (ask for `Creating,Waiting,…` to see copies in
 *   progress); no `ImageOwnerAlias` → every owner; `ImageName` matches as a substring; results newest
 *   `CreationTime` first; unknown `ImageId`s give an empty list; `ImageFamily` matches nothing (no
 *   image has a family).
 * - CopyImage: without `DestinationImageName` the copy keeps the source's name (not checked for
 *   duplicates), without `DestinationDescription` its description; copying a public image → 403
 *   `OperationDenied`; ~60 s per copy, five `Creating` per
 *   destination region, the rest `Waiting` in request order.
 * - DeleteImage: a missing image → 200; a public image → 403 `OperationDenied`; the image stays visible
 *   ~2 s with its last status; its snapshots remain (DeleteSnapshot refuses with 403
 *   `SnapshotCreatedImage` while the image exists).
 * - CreateImage: `Creating` ~30 s, `Usable` turns true 2 s after `Available`; image names are unique per
 *   region among custom images.
 * - RunInstances needs `VSwitchId` (VPC only) and at least one security group of the vSwitch's VPC;
 *   private IPs are handed out in order from the vSwitch (network address and last three reserved).
 * - Instances: `Pending` 5 s → `Starting` 10 s → `Running`; Stop 5 s; DeleteInstance keeps the instance
 *   (status `Stopped`/`Stopping`) 3 s before it is gone, and it blocks its security groups and vSwitch
 *   until then. VPC/vSwitch `Pending` 3 s; their deletion 2 s.
 * - Tags: `InvalidTagCount` (more than 20), `InvalidTagKey.Malformed`, `InvalidTagValue.Malformed`,
 *   `InvalidResourceType.NotFound` (404), `InvalidResourceId.NotFound` (404).
 * - ClientToken answers (successes only) are kept 24 h of emulator time per (AccessKeyId, version,
 *   action, token) — at speed 1000 that is under 90 real seconds; tokens must be printable ASCII
 *   ≤ 64 characters (`InvalidClientToken.ValueNotSupported`).
 * - Injected errors (`control.injectError`, `POST /_emulator/inject`) stand in for conditions the
 *   emulator does not model (`TaskConflict`, `OperationConflict`, quotas such as `QuotaExceeded.Vpc`).
 * - Signatures: a wrong `x-acs-content-sha256` → `SignatureDoesNotMatch`; dates outside ±15 min of real
 *   time → `InvalidTimeStamp.Expired`; nonces remembered 15 min. STS tokens are not checked.
 * - `reset()` returns faults, speed and seed to the start options and empties the request log.
 */
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Authenticator, type AccessKey } from './auth.js';
import { Clock } from './clock.js';
import { makeControl, type EmulatorControl } from './control.js';
import { Faults, type FaultConfig } from './faults.js';
import { OssService } from './oss/index.js';
import { subSeed } from './random.js';
import { RequestLog } from './requestLog.js';
import { createEmulatorServer } from './server.js';
import { Store } from './store.js';

export type { EmulatorControl, EmulatorDump, RegionDump } from './control.js';
export type { FaultConfig, FaultRule, InjectedError } from './faults.js';
export type { RequestLogEntry } from './requestLog.js';
export type { AccessKey } from './auth.js';
export type { ResourceKind, ImageRecord, InstanceRecord, VpcRecord, VSwitchRecord, SecurityGroupRecord, SnapshotRecord } from './model.js';
export { DURATIONS } from './lifecycle.js';
export { REGIONS, INSTANCE_TYPES, SYSTEM_IMAGES } from './catalogue.js';

/** Access key ID of the demo key pair (accepted unless `accessKeys` is given). */
export const DEMO_ACCESS_KEY_ID = 'LTAI5tMinitfEmulatorDemo';
/** Secret of the demo key pair: a public demo value, printing it is intended. */
export const DEMO_ACCESS_KEY_SECRET = 'minitfEmulatorDemoSecret000000';

/** How to start an emulator. */
export interface EmulatorOptions {
  /** TCP port; 0 = any free port (default 0). */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** JSON persistence file (atomic writes after every change); absent = memory only. */
  dataFile?: string;
  /** Lifecycle speed factor: durations are divided by it (default 1; 0 freezes the clock). */
  speed?: number;
  /** Seed for deterministic faults and IDs (default random). */
  seed?: number;
  /** Fault injection (default none). */
  faults?: FaultConfig;
  /** Accepted key pairs (default: the demo pair). The first is reported as the demo credentials. */
  accessKeys?: AccessKey[];
  /** Receives request-log lines and diagnostics (never secrets). */
  log?: (line: string) => void;
}

/** A running emulator. */
export interface RunningEmulator {
  /** `127.0.0.1:PORT`, what the SDK's `endpoint` takes. */
  readonly endpoint: string;
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly port: number;
  /** The first configured access key pair. */
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** In-process equivalent of the `/_emulator/` endpoints. */
  readonly control: EmulatorControl;
  /** Stops the server (open connections are closed) and flushes the data file; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts an emulator and resolves once it listens. Rejects on a bad option, a corrupt data file or a
 * port in use (nothing is left running then).
 */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const log = opts.log ?? (() => {});
  const keys = opts.accessKeys ?? [{ id: DEMO_ACCESS_KEY_ID, secret: DEMO_ACCESS_KEY_SECRET }];
  if (keys.length === 0) throw new RangeError('the emulator needs at least one access key');
  const seed = opts.seed ?? randomInt(0, 2 ** 31);
  const speed = opts.speed ?? 1;
  const clock = new Clock({ speed });
  const store = new Store({ seed, ...(opts.dataFile ? { dataFile: opts.dataFile } : {}) });
  clock.catchUp(store.savedClock);
  const faults = new Faults(opts.faults ?? {}, subSeed(seed, 'faults'));
  const requestLog = new RequestLog();
  const control = makeControl({ store, clock, faults, requestLog, initial: { seed, speed, faults: opts.faults ?? {} } });
  const auth = new Authenticator(keys, { log });
  // OSS keeps its buckets beside the data file (or in a directory of its own for a memory-only cloud).
  const ossDir = opts.dataFile ? opts.dataFile.replace(/\.json$/, '') + '.oss' : mkdtempSync(join(tmpdir(), 'minitf-emulator-oss-'));
  const oss = new OssService({ dir: ossDir, keys, log });
  const reset = control.reset.bind(control);
  control.reset = () => {
    reset();
    oss.objects.reset();
  };
  const server = createEmulatorServer({ store, clock, faults, auth, requestLog, control, log, oss });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `${shownHost}:${port}`,
    url: `http://${shownHost}:${port}`,
    port,
    accessKeyId: keys[0]!.id,
    accessKeySecret: keys[0]!.secret,
    control,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => {
        store.saveUnlessChanged(clock.now());
        if (!opts.dataFile) rmSync(ossDir, { recursive: true, force: true });
      });
      return closing;
    },
  };
}
