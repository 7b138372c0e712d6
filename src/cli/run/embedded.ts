import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { GlobalOptions } from '../io.js';

/** A running embedded emulator and what providers need to reach it. */
export interface Embedded {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  close(): Promise<void>;
}

/**
 * Starts the Alibaba Cloud emulator in this process on a free loopback port, backed by
 * `.minitf/emulator.json` in the working directory so successive commands see the same cloud, and
 * prints one line saying no real cloud is touched. `MINITF_EMULATOR_SPEED` sets its clock speed
 * (default 10: a 60 s image copy takes about 6 s).
 */
export async function startEmbedded(g: GlobalOptions, quiet = false): Promise<Embedded> {
  const { startEmulator } = await import('../../emulator/index.js');
  const dir = join(g.cwd, '.minitf');
  mkdirSync(dir, { recursive: true });
  const speed = Number(g.env.MINITF_EMULATOR_SPEED ?? 10) || 10;
  const emu = await startEmulator({ port: 0, dataFile: join(dir, 'emulator.json'), speed });
  if (!quiet) g.streams.err(`minitf: using the embedded Alibaba Cloud emulator at ${emu.url} (data in .minitf/emulator.json) — no real cloud is touched.\n`);
  return { endpoint: emu.endpoint, accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret, close: () => emu.close() };
}
