import { error, hasErrors, warning, type Diagnostic } from '../../diag/index.js';
import { loadConfig, validateConfig, type Config } from '../../config/index.js';
import { openBackend, currentWorkspace, parseBackendConfig, stateErrorDiagnostic } from '../../states/index.js';
import type { Backend, IntentEvent, StateLock } from '../../states/backend.js';
import type { StateFile } from '../../states/model.js';
import type { EngineContext, ApplyListener, PendingCreate } from '../../core/index.js';
import { collectVariables } from '../../core/vars/tfvars.js';
import type { GlobalOptions } from '../io.js';
import type { RunFlags } from './flags.js';
import { embeddedBackend, embeddedStartDiagnostic, startEmbedded, type Embedded } from './embedded.js';

/** Everything a state-touching command has set up; `close` releases the lock and the emulator. */
export interface Prepared {
  readonly config: Config;
  readonly ctx: EngineContext;
  readonly backend: Backend;
  readonly state: StateFile | null;
  readonly pending: IntentEvent[];
  readonly lock?: StateLock;
  readonly embedded?: Embedded;
  close(): Promise<void>;
}

/**
 * Sets up a command that plans or applies: loads and validates the configuration, collects variable
 * values, starts the embedded emulator when asked, opens the state backend, takes the lock (unless
 * `-lock=false`) and reads the state with its journal replayed. Problems are diagnostics; nothing is
 * left locked or running when it fails.
 */
export async function prepare(g: GlobalOptions, flags: RunFlags, operation: string, listener?: ApplyListener, opts: { readonly allowMissingImportTargets?: boolean } = {}): Promise<{ value: Prepared | undefined; diagnostics: Diagnostic[] }> {
  const diags: Diagnostic[] = [];
  const loaded = await loadConfig(g.cwd);
  diags.push(...loaded.diagnostics);
  if (hasErrors(diags)) return { value: undefined, diagnostics: diags };
  const config = loaded.value;
  diags.push(...validateConfig(config).filter((d) => !(opts.allowMissingImportTargets && d.summary === 'Configuration for import target does not exist')));
  if (hasErrors(diags)) return { value: undefined, diagnostics: diags };
  const vars = await collectVariables(g.cwd, g.env, flags.vars);
  diags.push(...vars.diagnostics);
  if (hasErrors(diags)) return { value: undefined, diagnostics: diags };

  let embedded: Embedded | undefined;
  if (g.emulator) {
    try {
      embedded = await startEmbedded(g, flags.json);
    } catch (e) {
      return { value: undefined, diagnostics: [...diags, embeddedStartDiagnostic(e)] };
    }
  }
  const workspace = currentWorkspace(g.cwd, g.env).name;
  const bc = parseBackendConfig(flags.backendConfig);
  diags.push(...bc.diagnostics);
  const opened = openBackend({ cwd: g.cwd, ...(config.root.terraform.backend ? { backend: config.root.terraform.backend } : {}), ...(flags.statePath ? { statePath: flags.statePath } : {}), workspace, env: g.env, ...(flags.backendConfig.length ? { backendConfig: bc.value } : {}), ...embeddedBackend(g, embedded) });
  diags.push(...opened.diagnostics);
  if (!opened.value || hasErrors(diags)) {
    await embedded?.close();
    return { value: undefined, diagnostics: diags };
  }
  const backend: Backend = opened.value;
  let lock: StateLock | undefined;
  if (flags.lock) {
    try {
      lock = await backend.lock(operation, { timeoutMs: flags.lockTimeoutMs, onWait: () => g.streams.err('Acquiring state lock. This may take a few moments...\n') });
    } catch (e) {
      await backend.close().catch(() => {});
      await embedded?.close();
      return { value: undefined, diagnostics: [...diags, backendDiagnostic(e)] };
    }
  }
  let read: { state: StateFile | null; pending: IntentEvent[] };
  try {
    read = await backend.read();
  } catch (e) {
    await lock?.release().catch(() => {});
    await backend.close().catch(() => {});
    await embedded?.close();
    return { value: undefined, diagnostics: [...diags, backendDiagnostic(e)] };
  }
  const ctx: EngineContext = {
    cwd: g.cwd,
    config,
    workspace,
    env: g.env,
    variables: vars.value,
    ...(embedded ? { emulator: { endpoint: embedded.endpoint, accessKeyId: embedded.accessKeyId, accessKeySecret: embedded.accessKeySecret } } : {}),
    ...(listener ? { listener } : {}),
  };
  let closed = false;
  return {
    value: {
      config,
      ctx,
      backend,
      state: read.state,
      pending: read.pending,
      ...(lock ? { lock } : {}),
      ...(embedded ? { embedded } : {}),
      async close() {
        if (closed) return;
        closed = true;
        await lock?.release().catch(() => {});
        await backend.close().catch(() => {});
        await embedded?.close();
      },
    },
    diagnostics: diags,
  };
}

/** The ClientTokens of creates an interrupted earlier apply left pending, by address (for `ApplyOptions.pendingTokens`). */
export function pendingCreates(pending: readonly IntentEvent[]): Map<string, PendingCreate> {
  return new Map(
    pending
      .filter((i) => i.action === 'create' && i.token && !i.deposed)
      .map((i) => [i.addr, { token: i.token!, resource: i.resource, ...(i.argsHash ? { argsHash: i.argsHash } : {}), ...(i.request ? { request: i.request } : {}) }] as const),
  );
}

/** One warning naming the creates an interrupted earlier apply left pending (shown by plan). */
export function pendingCreateWarnings(pending: readonly IntentEvent[]): Diagnostic[] {
  const addrs = [...new Set(pending.filter((i) => i.action === 'create').map((i) => i.addr))];
  if (!addrs.length) return [];
  return [
    warning(
      'Creates left pending by an interrupted apply',
      `An earlier apply was interrupted while creating ${addrs.join(', ')}. The next apply repeats each of those requests with its ClientToken, so the cloud returns what it may already have made instead of making a second object; an address no longer created with the same arguments gets that object recorded in state (as a deposed object when the address has another), for the plan after it to show.`,
    ),
  ];
}

/** The deletes an interrupted earlier apply left pending (for `ApplyOptions.pendingDeletes`). */
export function pendingDeletes(pending: readonly IntentEvent[]): { addr: string; deposed?: string }[] {
  return pending.filter((i) => i.action === 'delete').map((i) => ({ addr: i.addr, ...(i.deposed ? { deposed: i.deposed } : {}) }));
}

/** A diagnostic for a backend failure (corrupt state, I/O, connection). */
export function backendDiagnostic(e: unknown): Diagnostic {
  const d = stateErrorDiagnostic(e);
  if (d) return d;
  const msg = e instanceof Error ? e.message : String(e);
  return error('Failed to load state', msg);
}
