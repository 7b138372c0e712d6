import { error, type Diagnostic } from '../diag/index.js';
import type { InstanceKey } from '../addrs/index.js';
import type { Logger, OperationContext, ProgressFn } from '../providers/index.js';
import type { ProviderSlot } from './providers.js';
import { parseDuration } from './duration.js';

const quietLog: Logger = { debug() {}, info() {}, warn() {} };

/** The timeout of an operation: the resource's `timeouts` block, else the handler's default, else 20 minutes. */
export function timeoutMs(configured: string | undefined, handlerDefault: number | undefined): number {
  const c = configured ? parseDuration(configured) : undefined;
  return c ?? handlerDefault ?? 20 * 60_000;
}

/**
 * Builds the context a handler operation receives: the provider instance's client handle (credentials
 * checked here — a missing credential is a diagnostic and nothing is sent), a deadline signal that
 * also fires when `kill` aborts, and a progress reporter.
 */
export function operationContext(slot: ProviderSlot, providerKey: InstanceKey, address: string, ms: number, kill: AbortSignal | undefined, progress: ProgressFn = () => {}): { value: OperationContext | undefined; diagnostics: Diagnostic[] } {
  const inst = slot.instances.get(providerKey);
  if (!inst) {
    return { value: undefined, diagnostics: [error('Provider configuration not present', `No configuration of ${slot.stateAddr}${providerKey !== undefined ? `[${JSON.stringify(providerKey)}]` : ''} is available for ${address}.`, { address })] };
  }
  const client = inst.client();
  if (!client.value && client.diagnostics.length) return { value: undefined, diagnostics: client.diagnostics };
  const signals = [AbortSignal.timeout(Math.max(1, Math.min(ms, 2 ** 31 - 1)))];
  if (kill) signals.push(kill);
  return {
    value: { provider: client.value, address, signal: AbortSignal.any(signals), deadline: Date.now() + ms, progress, log: quietLog },
    diagnostics: client.diagnostics,
  };
}
