import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Actions, OutputChange, Plan, PlanMode, ResourceChange } from '../../src/plans/model.js';
import { inferType } from '../../src/plans/json.js';
import { asMinitf, rename } from '../helpers/naming.js';

/** The folder holding the Terraform goldens. */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'plans');

/** One golden case: its folder, `case.json` and captured files. */
export interface GoldenCase {
  readonly name: string;
  readonly dir: string;
  readonly spec: { plan: { args?: string[] }; apply?: boolean; variants?: string[] };
  file(name: string): string | undefined;
  json<T = any>(name: string): T | undefined;
}

/** Lists every golden case folder. */
export function goldenCases(): GoldenCase[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(FIXTURES, d.name, 'case.json')))
    .map((d) => {
      const dir = join(FIXTURES, d.name);
      // Human text (`.txt`) is compared as minitf prints it: Terraform's self-references renamed (see asMinitf).
      const file = (n: string) => (existsSync(join(dir, n)) ? (n.endsWith('.txt') ? asMinitf : (t: string) => t)(readFileSync(join(dir, n), 'utf8')) : undefined);
      return {
        name: d.name,
        dir,
        spec: JSON.parse(file('case.json')!),
        file,
        json: (n: string) => {
          const t = file(n);
          if (t === undefined) return undefined;
          const j = JSON.parse(t);
          // Terraform's diagnostics fed to the renderer say minitf too, as the goldens are read.
          if (n === 'diagnostics.json') return (j as { summary: string; detail?: string }[]).map((d) => ({ ...d, summary: rename(d.summary), ...(d.detail ? { detail: rename(d.detail) } : {}) }));
          return j;
        },
      };
    });
}

/** The plan mode a case's plan arguments select. */
export function modeOf(args: readonly string[] = []): PlanMode {
  if (args.includes('-destroy')) return 'destroy';
  if (args.includes('-refresh-only')) return 'refresh-only';
  return 'normal';
}

/** Strips the live lines the engine prints before the plan text (refresh and import preparation). */
export function stripLiveLines(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/: (Refreshing state|Preparing import)\.\.\./.test(l))
    .join('\n');
}

function plannedSensitive(j: any): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (m: any) => {
    for (const r of m?.resources ?? []) out.set(r.address, r.sensitive_values);
    for (const c of m?.child_modules ?? []) walk(c);
  };
  walk(j.planned_values?.root_module);
  return out;
}

function resourceChange(rc: any, planned?: Map<string, unknown>): ResourceChange {
  const ch = rc.change;
  // The planner marks values (config, prior state); the schema's sensitive attributes are added by
  // the JSON writer, as Terraform does. `planned_values` shows the value marks alone.
  const valueMarks = !rc.deposed && planned?.has(rc.address) ? planned.get(rc.address) : ch.after_sensitive;
  const module = rc.module_address ?? '';
  return {
    address: rc.address,
    ...(rc.previous_address ? { previousAddress: rc.previous_address } : {}),
    module,
    mode: rc.mode,
    type: rc.type,
    name: rc.name,
    ...(rc.index !== undefined ? { index: rc.index } : {}),
    providerAddr: `provider["${rc.provider_name}"]`,
    ...(rc.deposed ? { deposed: rc.deposed } : {}),
    actions: ch.actions as Actions,
    ...(rc.action_reason ? { actionReason: rc.action_reason } : {}),
    before: ch.before,
    after: ch.after,
    afterUnknown: ch.after_unknown,
    beforeSensitive: ch.before_sensitive,
    afterSensitive: valueMarks,
    ...(ch.replace_paths ? { replacePaths: ch.replace_paths } : {}),
    ...(ch.importing ? { importing: ch.importing } : {}),
    ...(awsSchemaVersions[rc.type] ? { schemaVersion: awsSchemaVersions[rc.type] } : {}),
    ...(rc.type === 'terraform_data' ? { valueType: terraformDataType(ch.after ?? ch.before) } : {}),
  };
}

/**
 * The object type the planner knows for a `terraform_data` value: `output` has the type of `input`
 * even while unknown (dynamic attributes are typed by their values).
 */
function terraformDataType(v: any): unknown {
  const t = (x: unknown) => (x === null || x === undefined ? 'dynamic' : inferType(x));
  return ['object', { id: 'string', input: t(v?.input), output: t(v?.input), triggers_replace: t(v?.triggers_replace) }];
}

/** Builds minitf's Plan model from Terraform's `show -json` of a plan (what the planner would produce). */
export function planFromShowJSON(j: any, mode: PlanMode, extra: Partial<Plan> = {}): Plan {
  const outputChanges: OutputChange[] = Object.entries(j.output_changes ?? {}).map(([name, o]: [string, any]) => ({
    name,
    actions: o.actions,
    before: o.before,
    after: o.after ?? null,
    afterUnknown: o.after_unknown === true,
    ...(typeof o.after_unknown === 'object' ? { unknownShape: o.after_unknown } : {}),
    sensitive: o.after_sensitive === true,
    beforeSensitive: o.before_sensitive === true,
  }));
  return {
    mode,
    resourceChanges: (j.resource_changes ?? []).map((rc: any) => resourceChange(rc, plannedSensitive(j))),
    resourceDrift: (j.resource_drift ?? []).map((rc: any) => resourceChange(rc)),
    outputChanges,
    variables: j.variables ?? {},
    targets: [],
    excludes: [],
    replaceAddrs: [],
    stateLineage: '',
    stateSerial: 0,
    configDigest: '',
    timestamp: j.timestamp,
    errored: j.errored,
    complete: j.complete,
    applyable: j.applyable,
    diagnostics: [],
    ...(j.relevant_attributes ? { relevantAttributes: j.relevant_attributes.map((r: any) => ({ resource: r.resource, attribute: r.attribute })) } : {}),
    ...extra,
  };
}

import type { BlockSchema, NestedBlockSchema, SchemaLookup } from '../../src/plans/schema.js';

function blockFromProviderJSON(b: any): BlockSchema {
  const attributes: Record<string, { type: any; sensitive?: boolean; writeOnly?: boolean }> = {};
  for (const [k, a] of Object.entries<any>(b.attributes ?? {})) attributes[k] = { type: a.type ?? 'dynamic', ...(a.sensitive ? { sensitive: true } : {}), ...(a.write_only ? { writeOnly: true } : {}) };
  const blocks: Record<string, NestedBlockSchema> = {};
  for (const [k, bt] of Object.entries<any>(b.block_types ?? {})) blocks[k] = { nesting: bt.nesting_mode, ...blockFromProviderJSON(bt.block) };
  return { attributes, blocks };
}

/** A schema lookup built from `terraform providers schema -json` output (resource schemas only). */
export function lookupFromProviderJSON(j: any): SchemaLookup {
  const schemas = new Map<string, BlockSchema>(Object.entries<any>(j.resource_schemas ?? {}).map(([t, s]) => [t, blockFromProviderJSON(s.block)]));
  return (mode, type) => (mode === 'managed' ? schemas.get(type) : undefined);
}

const awsJSON = JSON.parse(readFileSync(join(FIXTURES, 'aws-schema.json'), 'utf8'));

/** Schema versions of the AWS resource types (what the planner records as `schemaVersion`). */
export const awsSchemaVersions: Record<string, number> = Object.fromEntries(Object.entries<any>(awsJSON.resource_schemas).map(([t, s]) => [t, s.version ?? 0]));

/** The schemas of the AWS resources used by the `aws-*` goldens. */
export const awsSchemas: SchemaLookup = lookupFromProviderJSON(awsJSON);
