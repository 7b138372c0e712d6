import Ecs from '@alicloud/ecs20140526';
import Vpc from '@alicloud/vpc20160428';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';

/** The ECS SDK module (models such as `Ecs.CopyImageRequest`, client class `Ecs.default`). */
export { Ecs, Vpc };
/** An ECS client instance. */
export type EcsClient = InstanceType<typeof Ecs.default>;
/** A VPC client instance. */
export type VpcClient = InstanceType<typeof Vpc.default>;

/** Default lifecycle speed in tests: a 60 s image copy takes 60 ms. */
export const TEST_SPEED = 1000;

/** SDK configuration pointing at `emu` (plain HTTP, raised timeouts); `overrides` win. */
export function sdkConfig(emu: RunningEmulator, overrides: Record<string, unknown> = {}): $OpenApiUtil.Config {
  return new $OpenApiUtil.Config({
    accessKeyId: emu.accessKeyId,
    accessKeySecret: emu.accessKeySecret,
    endpoint: emu.endpoint,
    protocol: 'http',
    regionId: 'cn-hangzhou',
    readTimeout: 20_000,
    connectTimeout: 20_000,
    ...overrides,
  });
}

/** A real ECS SDK client for `emu`. */
export function ecsClient(emu: RunningEmulator, overrides: Record<string, unknown> = {}): EcsClient {
  return new Ecs.default(sdkConfig(emu, overrides));
}

/** A real VPC SDK client for `emu`. */
export function vpcClient(emu: RunningEmulator, overrides: Record<string, unknown> = {}): VpcClient {
  return new Vpc.default(sdkConfig(emu, overrides));
}

/** A started emulator with SDK clients. */
export interface TestCloud {
  readonly emu: RunningEmulator;
  readonly ecs: EcsClient;
  readonly vpc: VpcClient;
}

/** Starts an emulator on port 0 with a fast clock (speed TEST_SPEED unless `opts.speed`) and builds clients. */
export async function startTestCloud(opts: EmulatorOptions = {}): Promise<TestCloud> {
  const emu = await startEmulator({ speed: TEST_SPEED, seed: 42, ...opts });
  return { emu, ecs: ecsClient(emu), vpc: vpcClient(emu) };
}

/**
 * Vitest hooks for a test file: one emulator for the file (started before all tests, closed after),
 * reset before each test. Read `cloud.emu` / `cloud.ecs` / `cloud.vpc` inside tests.
 */
export function useTestCloud(opts: EmulatorOptions = {}): TestCloud {
  let current: TestCloud | undefined;
  beforeAll(async () => {
    current = await startTestCloud(opts);
  });
  afterAll(async () => {
    await current?.emu.close();
  });
  beforeEach(() => {
    current?.emu.control.reset();
  });
  const get = (): TestCloud => {
    if (!current) throw new Error('useTestCloud: the emulator is not started yet (use it inside tests)');
    return current;
  };
  return {
    get emu() {
      return get().emu;
    },
    get ecs() {
      return get().ecs;
    },
    get vpc() {
      return get().vpc;
    },
  };
}

/** Waits (real time, polling every 5 ms) until `check` returns a value other than undefined, or throws after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
