import { compareInstances, parseModulePath, type ModuleStep } from '../addrs/index.js';
import { ALWAYS, asNoOp, makeChange, pathMatcher, type Matcher } from './diff/change.js';
import { computeBlock, computeOutput } from './diff/differ.js';
import type { Diff } from './diff/types.js';
import type { Actions, OutputChange, ResourceChange } from './model.js';
import { schemaFromValues, TERRAFORM_DATA_SCHEMA, TERRAFORM_REMOTE_STATE_SCHEMA, type BlockSchema, type SchemaLookup } from './schema.js';

/** A plan action as one word (Terraform's `plans.Action`). */
export type PlanAction = 'noop' | 'create' | 'read' | 'update' | 'delete' | 'replace-dc' | 'replace-cd' | 'forget' | 'create-forget';

/** Turns an actions list (`["delete","create"]`) into one plan action. */
export function planAction(actions: Actions): PlanAction {
  switch (actions.join(',')) {
    case 'create': return 'create';
    case 'read': return 'read';
    case 'update': return 'update';
    case 'delete': return 'delete';
    case 'delete,create': return 'replace-dc';
    case 'create,delete': return 'replace-cd';
    case 'forget': return 'forget';
    case 'create,forget': return 'create-forget';
    default: return 'noop';
  }
}

/** The `-json` UI word for an action (`noop create read update replace delete remove`). */
export function uiAction(c: ResourceChange): string {
  const a = planAction(c.actions);
  switch (a) {
    case 'replace-dc':
    case 'replace-cd':
    case 'create-forget':
      return 'replace';
    case 'forget':
      return 'remove';
    default:
      return a;
  }
}

/**
 * Finds a schema with the built-in `terraform` provider's types filled in, so `terraform_data` and
 * `terraform_remote_state` render right even when the lookup does not know them.
 */
export function withBuiltins(lookup: SchemaLookup): SchemaLookup {
  return (mode, type) => {
    const s = lookup(mode, type);
    if (s) return s;
    if (mode === 'managed' && type === 'terraform_data') return TERRAFORM_DATA_SCHEMA;
    if (mode === 'data' && type === 'terraform_remote_state') return TERRAFORM_REMOTE_STATE_SCHEMA;
    return undefined;
  };
}

function moduleSteps(module: string): ModuleStep[] {
  if (!module) return [];
  const p = parseModulePath(module);
  return 'path' in p ? p.path : [];
}

/** Sorts changes in Terraform's display order: module, data before managed, type, name, key, deposed. */
export function sortChanges<T extends ResourceChange>(changes: readonly T[]): T[] {
  const keyed = changes.map((c) => ({ c, addr: { module: moduleSteps(c.module), mode: c.mode, type: c.type, name: c.name, ...(c.index !== undefined ? { key: c.index } : {}) } }));
  keyed.sort((x, y) => compareInstances(x.addr, y.addr) || (x.c.deposed ?? '').localeCompare(y.c.deposed ?? ''));
  return keyed.map((k) => k.c);
}

/** The schema to render a change with (falls back to the shape of its values). */
export function schemaFor(lookup: SchemaLookup, c: ResourceChange): BlockSchema {
  return withBuiltins(lookup)(c.mode, c.type) ?? schemaFromValues(c.before, c.after, c.afterUnknown);
}

/**
 * Computes the attribute diff of one resource change. `relevant` limits which attributes count as
 * changed (drift in normal plans); forget-only changes are shown as unchanged.
 */
export function resourceDiff(c: ResourceChange, lookup: SchemaLookup, relevant: Matcher = ALWAYS): Diff {
  let change = makeChange({
    before: c.before ?? null,
    after: c.after ?? null,
    unknown: c.afterUnknown ?? false,
    beforeSensitive: c.beforeSensitive ?? false,
    afterSensitive: c.afterSensitive ?? false,
    replace: pathMatcher(c.replacePaths ?? [], false),
    relevant,
  });
  if (c.actions.length === 1 && c.actions[0] === 'forget') change = asNoOp(change);
  return computeBlock(change, schemaFor(lookup, c));
}

/** Computes the diff of one output change. */
export function outputDiff(o: OutputChange): Diff {
  return computeOutput(
    makeChange({
      before: o.before ?? null,
      after: o.after ?? null,
      unknown: o.unknownShape ?? o.afterUnknown,
      beforeSensitive: o.beforeSensitive ?? o.sensitive,
      afterSensitive: o.sensitive,
    }),
  );
}

/** True when the change moves the object (`previous_address` differs from the address). */
export function isMoved(c: ResourceChange): boolean {
  return c.previousAddress !== undefined && c.previousAddress !== '' && c.previousAddress !== c.address;
}
