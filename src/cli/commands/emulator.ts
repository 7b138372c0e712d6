import type { Command } from 'commander';
import type { GlobalOptions } from '../io.js';
import type { EmulatorOptions, FaultConfig, RunningEmulator } from '../../emulator/index.js';

/** Default port of `minitf emulator` (the library default is 0, any free port). */
export const DEFAULT_EMULATOR_PORT = 8060;

interface Flags {
  port: string;
  host: string;
  data?: string;
  speed: string;
  throttleRate?: string;
  errorRate?: string;
  latency?: string;
  jitter?: string;
  seed?: string;
  quiet?: boolean;
}

function num(flag: string, v: string | undefined, check: (n: number) => boolean): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || !check(n)) throw new Error(`Invalid value "${v}" for --${flag}.`);
  return n;
}

/** Turns the command's flags into emulator options; throws Error with a user-facing message on bad values. */
export function emulatorOptions(f: Flags): EmulatorOptions {
  const port = num('port', f.port, (n) => Number.isInteger(n) && n >= 0 && n <= 65535)!;
  const speed = num('speed', f.speed, (n) => n >= 0)!;
  const rate = (n: number): boolean => n >= 0 && n <= 1;
  const throttleRate = num('throttle-rate', f.throttleRate, rate);
  const errorRate = num('error-rate', f.errorRate, rate);
  const latencyMs = num('latency', f.latency, (n) => n >= 0);
  const jitterMs = num('jitter', f.jitter, (n) => n >= 0);
  const seed = num('seed', f.seed, (n) => Number.isInteger(n));
  const faults: FaultConfig = {
    ...(throttleRate !== undefined ? { throttleRate } : {}),
    ...(errorRate !== undefined ? { errorRate } : {}),
    ...(latencyMs !== undefined ? { latencyMs } : {}),
    ...(jitterMs !== undefined ? { jitterMs } : {}),
  };
  return { port, host: f.host, speed, faults, ...(f.data ? { dataFile: f.data } : {}), ...(seed !== undefined ? { seed } : {}) };
}

/**
 * `minitf emulator`: runs the local Alibaba Cloud ECS+VPC emulator in the foreground, prints its endpoint
 * and the demo credentials (a public demo value), logs requests to stderr unless `--quiet`, and stops
 * cleanly (flushing `--data`) on SIGINT/SIGTERM.
 */
export function register(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  program
    .command('emulator')
    .description('run the local Alibaba Cloud ECS+VPC emulator in the foreground')
    .option('--port <n>', 'TCP port (0 = any free port)', String(DEFAULT_EMULATOR_PORT))
    .option('--host <addr>', 'interface to listen on', '127.0.0.1')
    .option('--data <file>', 'keep the emulated cloud in this JSON file across restarts')
    .option('--speed <x>', 'lifecycle speed factor (durations are divided by it)', '1')
    .option('--throttle-rate <r>', 'share of calls answered Throttling.User (0–1)')
    .option('--error-rate <r>', 'share of calls answered 503 ServiceUnavailable (0–1)')
    .option('--latency <ms>', 'added latency per call, milliseconds')
    .option('--jitter <ms>', 'extra random latency per call, up to this many milliseconds')
    .option('--seed <n>', 'seed for deterministic faults and IDs')
    .option('--quiet', 'do not log requests')
    .action(async (f: Flags) => {
      const g = globals();
      let opts: EmulatorOptions;
      try {
        opts = emulatorOptions(f);
      } catch (e) {
        g.streams.err(`\nError: ${(e as Error).message}\n\n`);
        setExit(1);
        return;
      }
      let emu: RunningEmulator;
      try {
        const { startEmulator } = await import('../../emulator/index.js');
        emu = await startEmulator({ ...opts, ...(f.quiet ? {} : { log: (line: string) => g.streams.err(line + '\n') }) });
      } catch (e) {
        g.streams.err(`\nError: Failed to start the emulator\n\n${(e as Error).message}\n\n`);
        setExit(1);
        return;
      }
      g.streams.out(
        [
          `minitf emulator listening on ${emu.url}`,
          '',
          `  endpoint           ${emu.endpoint}`,
          `  access key id      ${emu.accessKeyId}`,
          `  access key secret  ${emu.accessKeySecret}   (demo credentials)`,
          `  data file          ${opts.dataFile ?? '(memory only)'}`,
          `  speed              ${opts.speed}x`,
          '',
          'Point minitf or the Alibaba Cloud SDK at it, for example:',
          `  export ALIBABA_CLOUD_ACCESS_KEY_ID=${emu.accessKeyId}`,
          `  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${emu.accessKeySecret}`,
          `  export ALIBABA_CLOUD_ENDPOINT_ECS=${emu.url} ALIBABA_CLOUD_ENDPOINT_VPC=${emu.url}`,
          '',
          'Press Ctrl-C to stop.',
          '',
        ].join('\n'),
      );
      const signal = await new Promise<string>((resolve) => {
        const onInt = (): void => done('SIGINT');
        const onTerm = (): void => done('SIGTERM');
        const done = (s: string): void => {
          process.off('SIGINT', onInt);
          process.off('SIGTERM', onTerm);
          resolve(s);
        };
        process.on('SIGINT', onInt);
        process.on('SIGTERM', onTerm);
      });
      await emu.close();
      g.streams.out(`minitf emulator stopped (${signal})\n`);
      setExit(0);
    });
}
