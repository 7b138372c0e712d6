import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { openBackend, Keyring, KEY_FILE, unsealOutputs, SealError, stateErrorDiagnostic, DEFAULT_WORKSPACE, type SealKeys, type StateOutput } from '../../states/index.js';
import { HandlerDiagnosticError } from '../errors.js';
import type { Attributes, DataSourceHandler } from '../types.js';
import type { TerraformClient } from './client.js';

/** The sensitive output names of each result `read` returned, for `sensitive`. */
const sensitiveOutputs = new WeakMap<Attributes, readonly string[]>();

/**
 * `data "terraform_remote_state"`: another configuration's root outputs, read from its state through
 * minitf's own backends (`local`, `pg`, `oss`, with the same settings as their `backend` blocks) and
 * never written or locked. `workspace` defaults to `default`; `defaults` supplies outputs the state
 * lacks. A state that does not exist is an error, as in Terraform. Unlike Terraform, outputs the
 * other configuration marked sensitive stay sensitive here (sealed in this state, never shown).
 */
export const terraformRemoteState: DataSourceHandler<TerraformClient> = {
  type: 'terraform_remote_state',
  async read(ctx, config) {
    const client = ctx.provider;
    const type = typeof config.backend === 'string' ? config.backend : '';
    const settings = dynamicValue(config.config) ?? {};
    if (typeof settings !== 'object' || Array.isArray(settings)) {
      throw new HandlerDiagnosticError('Invalid backend configuration', `The "config" argument must be an object of the ${type} backend's arguments.`);
    }
    const workspace = typeof config.workspace === 'string' && config.workspace !== '' ? config.workspace : DEFAULT_WORKSPACE;
    const opened = openBackend({
      cwd: client.cwd,
      env: client.env,
      backend: { type, config: settings as Record<string, unknown> },
      workspace,
      raw: true,
      ...(client.emulator ? { emulator: client.emulator } : {}),
    });
    const problem = opened.diagnostics.find((d) => d.severity === 'error');
    if (problem || !opened.value) {
      throw new HandlerDiagnosticError('Invalid backend configuration', problem?.detail ?? problem?.summary ?? `The ${type} backend could not be opened.`);
    }
    const backend = opened.value;
    let outputs: Record<string, StateOutput>;
    try {
      const { state } = await backend.read();
      if (!state) throw new HandlerDiagnosticError('Unable to find remote state', 'No stored state was found for the given workspace in the given backend.');
      outputs = unsealOutputs(state.outputs, remoteKeys(client, backend.localFile));
    } catch (e) {
      if (e instanceof HandlerDiagnosticError) throw e;
      if (e instanceof SealError) throw new HandlerDiagnosticError('Unable to read remote state', `A sensitive output of the remote state cannot be opened: ${e.message}`);
      const d = stateErrorDiagnostic(e);
      throw new HandlerDiagnosticError('Unable to load remote state', d ? `${d.summary}: ${d.detail ?? ''}`.trim() : e instanceof Error ? e.message : String(e));
    } finally {
      await backend.close().catch(() => {});
    }
    const value: Record<string, unknown> = {};
    const types: Record<string, unknown> = {};
    const defaults = config.defaults as { value?: unknown; type?: unknown } | null | undefined;
    if (defaults && defaults.value && typeof defaults.value === 'object' && !Array.isArray(defaults.value)) {
      for (const [k, v] of Object.entries(defaults.value as Record<string, unknown>)) {
        value[k] = v;
        types[k] = memberType(defaults.type, k);
      }
    }
    const sensitive: string[] = [];
    for (const [k, o] of Object.entries(outputs)) {
      value[k] = o.value;
      types[k] = o.type;
      if (o.sensitive) sensitive.push(k);
    }
    const names = Object.keys(value).sort();
    const result: Attributes = {
      outputs: { value: Object.fromEntries(names.map((k) => [k, value[k]])), type: ['object', Object.fromEntries(names.map((k) => [k, types[k]]))] },
    };
    sensitiveOutputs.set(result, sensitive);
    return result;
  },
  sensitive(result) {
    return (sensitiveOutputs.get(result) ?? []).map((name) => ['outputs', name]);
  },
};

/** The value inside a dynamic attribute's `{value, type}` wrapper (null when unset). */
function dynamicValue(v: unknown): unknown {
  if (v && typeof v === 'object' && 'value' in v) return (v as { value: unknown }).value;
  return v ?? null;
}

/** The type of member `k` of an object or map type. */
function memberType(t: unknown, k: string): unknown {
  if (Array.isArray(t) && t[0] === 'object' && t[1] && typeof t[1] === 'object') return (t[1] as Record<string, unknown>)[k] ?? 'dynamic';
  if (Array.isArray(t) && t[0] === 'map') return t[1];
  return 'dynamic';
}

/**
 * The keys that may open the remote state's sealed outputs: this run's (MINITF_STATE_KEY, the
 * working directory's key file), then, for a local state file, the key file of the configuration
 * that wrote it (the first `.minitf/state.key` above the file).
 */
function remoteKeys(client: TerraformClient, localFile: string | undefined): SealKeys {
  const rings: Keyring[] = [new Keyring({ cwd: client.cwd, env: client.env })];
  if (localFile) {
    let dir = dirname(localFile);
    for (let i = 0; i < 4; i++) {
      if (existsSync(join(dir, KEY_FILE))) {
        rings.push(new Keyring({ cwd: dir, env: {} }));
        break;
      }
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return {
    sealingKey: () => rings[0]!.sealingKey(),
    openingKeys: () => rings.flatMap((r) => r.openingKeys()),
    describe: () => rings.map((r) => r.describe()).join('; '),
  };
}
