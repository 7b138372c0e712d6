import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { error, type Diagnostic } from '../../diag/index.js';
import type { GlobalOptions } from '../io.js';

/** A running embedded emulator and what providers need to reach it. */
export interface Embedded {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** The emulator's persistence file (`.minitf/emulator.json` under the working directory). */
  readonly dataFile: string;
  close(): Promise<void>;
}

/** The lifecycle speed of the embedded emulator unless `MINITF_EMULATOR_SPEED` says otherwise. */
export const DEFAULT_EMBEDDED_SPEED = 15;

/** Data files whose "no real cloud" line this process has already printed. */
const announced = new Set<string>();

/**
 * Reads the embedded emulator's clock speed from `MINITF_EMULATOR_SPEED`: a positive number, else
 * {@link DEFAULT_EMBEDDED_SPEED} (at 15 the emulator's 60 s image copy takes 4 s).
 */
export function embeddedSpeed(env: Readonly<Record<string, string | undefined>>): number {
  const n = Number(env.MINITF_EMULATOR_SPEED);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_EMBEDDED_SPEED;
}

/**
 * Starts the Alibaba Cloud emulator in this process on a free loopback port, backed by
 * `.minitf/emulator.json` in the working directory so successive commands see the same cloud, and
 * prints one line (once per process and data file, unless `quiet`) saying no real cloud is touched.
 * The caller must `close()` it, which also flushes the data file. Rejects when the data file is
 * corrupt or the directory cannot be written (nothing is left running then).
 */
export async function startEmbedded(g: GlobalOptions, quiet = false): Promise<Embedded> {
  const { startEmulator } = await import('../../emulator/index.js');
  const dir = join(g.cwd, '.minitf');
  mkdirSync(dir, { recursive: true });
  const dataFile = join(dir, 'emulator.json');
  const emu = await startEmulator({ port: 0, dataFile, speed: embeddedSpeed(g.env) });
  if (!quiet && !announced.has(dataFile)) {
    announced.add(dataFile);
    g.streams.err(`minitf: using the embedded Alibaba Cloud emulator at ${emu.url} (data in .minitf/emulator.json) — no real cloud is touched.\n`);
  }
  return { endpoint: emu.endpoint, accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret, dataFile, close: () => emu.close() };
}

/**
 * What state backends need of the embedded emulator (`OpenBackendOptions.emulator` and `notice`): an
 * oss backend without an endpoint of its own uses it, and a missing state bucket is made there with a
 * one-line notice on stderr. Nothing when there is no embedded emulator.
 */
export function embeddedBackend(g: GlobalOptions, embedded: Embedded | undefined): { emulator?: Embedded; notice?: (line: string) => void } {
  return embedded ? { emulator: embedded, notice: (line) => g.streams.err(line) } : {};
}

/**
 * The diagnostic for an embedded emulator that could not start (`startEmbedded` rejected): a damaged
 * `.minitf/emulator.json`, or a working directory that cannot be written.
 */
export function embeddedStartDiagnostic(e: unknown): Diagnostic {
  const msg = e instanceof Error ? e.message : String(e);
  return error(
    'Embedded emulator failed to start',
    `${msg}. The embedded emulator keeps its cloud in .minitf/emulator.json under the working directory: restore that file, or delete it to start from an empty emulated cloud.`,
  );
}
