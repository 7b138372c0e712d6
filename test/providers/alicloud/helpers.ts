import { alicloudProvider, type AlicloudClient } from '../../../src/providers/alicloud/index.js';
import type { Attributes, CreateContext, Logger, OperationContext } from '../../../src/providers/types.js';

/** What a test context recorded: progress updates, partial records and log lines. */
export interface Recorded {
  readonly progress: { percent?: number; message?: string }[];
  readonly partials: Attributes[];
  readonly logs: string[];
}

/** A context for handler calls, built by hand as the engine would. */
export interface TestContext extends CreateContext<AlicloudClient> {
  readonly recorded: Recorded;
}

/** Builds a CreateContext (usable as an OperationContext) with a deadline `timeoutMs` from now. */
export function makeCtx(provider: AlicloudClient, opts: { timeoutMs?: number; clientToken?: string; address?: string } = {}): TestContext {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const recorded: Recorded = { progress: [], partials: [], logs: [] };
  const log: Logger = {
    debug: (m) => void recorded.logs.push(`debug ${m}`),
    info: (m) => void recorded.logs.push(`info ${m}`),
    warn: (m) => void recorded.logs.push(`warn ${m}`),
  };
  return {
    provider,
    address: opts.address ?? 'alicloud_test.x',
    signal: AbortSignal.timeout(timeoutMs),
    deadline: Date.now() + timeoutMs,
    progress: (u) => void recorded.progress.push(u),
    log,
    clientToken: opts.clientToken ?? `tok-${Math.random().toString(36).slice(2, 14)}`,
    recordPartial: async (a) => void recorded.partials.push(a),
    recorded,
  };
}

/** Fast pacing for tests: polls and retries every few milliseconds. */
export const FAST_ENV: Record<string, string> = {
  MINITF_ALICLOUD_POLL_FIRST_MS: '5',
  MINITF_ALICLOUD_POLL_MAX_MS: '40',
  MINITF_ALICLOUD_RETRY_MIN_MS: '5',
  MINITF_ALICLOUD_RETRY_MAX_MS: '40',
  MINITF_ALICLOUD_NOT_FOUND_GRACE_MS: '500',
};

/** Configures a provider instance and returns its client handle (throws on diagnostics). */
export function configureClient(config: Record<string, unknown>, env: Record<string, string | undefined> = {}, extra: { emulator?: { endpoint: string; accessKeyId: string; accessKeySecret: string }; alias?: string } = {}): AlicloudClient {
  const address = `provider["registry.terraform.io/aliyun/alicloud"]${extra.alias ? `.${extra.alias}` : ''}`;
  const res = alicloudProvider.configure({
    config,
    env: { ...FAST_ENV, ...env },
    view: { name: 'alicloud', ...(extra.alias ? { alias: extra.alias } : {}) },
    address,
    ...(extra.emulator ? { emulator: extra.emulator } : {}),
  });
  if (!res.value) throw new Error(`configure failed: ${JSON.stringify(res.diagnostics)}`);
  const c = res.value.client();
  if (!c.value) throw new Error(`client failed: ${JSON.stringify(c.diagnostics)}`);
  return c.value;
}

/** An OperationContext view of a test context (for read/update/delete). */
export function opCtx(ctx: TestContext): OperationContext<AlicloudClient> {
  return ctx;
}
