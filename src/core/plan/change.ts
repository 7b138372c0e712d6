import { formatInstance, formatModule, type InstanceKey, type ResourceInstanceAddr } from '../../addrs/index.js';
import { toPlanJSON, type Value } from '../../lang/index.js';
import type { ActionReason, Actions, ResourceChange } from '../../plans/model.js';

/** Inputs of `buildChange`. */
export interface ChangeInput {
  readonly addr: ResourceInstanceAddr;
  readonly providerAddr: string;
  /** For a provider with `for_each`: the key of the provider instance that manages the object. */
  readonly providerKey?: InstanceKey;
  readonly actions: Actions;
  readonly before: Value | undefined;
  readonly after: Value | undefined;
  readonly reason?: ActionReason;
  readonly replacePaths?: (string | number)[][];
  readonly importing?: string;
  readonly previous?: string | undefined;
  readonly deposed?: string;
  readonly createBeforeDestroy?: boolean;
  readonly dependencies?: string[];
  /** The handler's `schemaVersion` (for `planned_values` in plan JSON). */
  readonly schemaVersion?: number;
}

/** Builds a plan's resource change from values (JSON, unknown and sensitive shapes as `show -json` has them). */
export function buildChange(c: ChangeInput): ResourceChange {
  const b = c.before ? toPlanJSON(c.before) : { value: null, unknown: false, sensitive: false };
  const a = c.after ? toPlanJSON(c.after) : { value: null, unknown: false, sensitive: false };
  return {
    address: formatInstance(c.addr),
    ...(c.previous && c.previous !== formatInstance(c.addr) ? { previousAddress: c.previous } : {}),
    module: formatModule(c.addr.module),
    mode: c.addr.mode,
    type: c.addr.type,
    name: c.addr.name,
    ...(c.addr.key !== undefined ? { index: c.addr.key } : {}),
    providerAddr: c.providerAddr,
    ...(c.providerKey !== undefined ? { providerKey: c.providerKey } : {}),
    ...(c.deposed ? { deposed: c.deposed } : {}),
    actions: c.actions,
    ...(c.reason ? { actionReason: c.reason } : {}),
    before: b.value,
    after: a.value,
    afterUnknown: c.after ? a.unknown : false,
    beforeSensitive: c.before ? b.sensitive : false,
    afterSensitive: c.after ? a.sensitive : false,
    ...(c.replacePaths && c.replacePaths.length ? { replacePaths: c.replacePaths } : {}),
    ...(c.importing !== undefined ? { importing: { id: c.importing } } : {}),
    ...(c.createBeforeDestroy ? { createBeforeDestroy: true } : {}),
    ...(c.dependencies && c.dependencies.length ? { dependencies: c.dependencies } : {}),
    ...(c.schemaVersion ? { schemaVersion: c.schemaVersion } : {}),
  };
}
