import type { Plan, ResourceChange } from '../../src/plans/model.js';
import type { BlockSchema, SchemaLookup } from '../../src/plans/schema.js';

/** A secret that must never show in any view. */
export const SECRET = 'hunter2-s3cr3t-value';

const box: BlockSchema = {
  attributes: {
    id: { type: 'string' },
    name: { type: 'string' },
    size: { type: 'number' },
    password: { type: 'string', sensitive: true },
    tags: { type: ['map', 'string'] },
  },
  blocks: {},
};
/** Schemas of the fixture's resource types (`x_box`, data `x_zones`). */
export const schemas: SchemaLookup = (mode, type) => (type === 'x_box' || type === 'x_zones' ? box : undefined);

const HZ = 'provider["registry.terraform.io/x/x"].hz';
const SH = 'provider["registry.terraform.io/x/x"].sh';

function rc(address: string, over: Partial<ResourceChange>): ResourceChange {
  const m = /^((?:module\.[^.]+\.)*)(data\.)?([^.]+)\.([^.[]+)(\[.*\])?$/.exec(address)!;
  const index = m[5] === undefined ? undefined : m[5].startsWith('["') ? (JSON.parse(m[5].slice(1, -1)) as string) : Number(m[5].slice(1, -1));
  return {
    address,
    module: m[1]!.replace(/\.$/, ''),
    mode: m[2] ? 'data' : 'managed',
    type: m[3]!,
    name: m[4]!,
    ...(index !== undefined ? { index } : {}),
    providerAddr: HZ,
    actions: ['no-op'],
    before: null,
    after: null,
    afterUnknown: false,
    beforeSensitive: false,
    afterSensitive: false,
    ...over,
  };
}

const prior = { id: 'b-1', name: 'old', size: 1, password: SECRET, tags: { env: 'dev' } };

/** A plan with one change of every kind, a sensitive attribute, a module and two provider instances. */
export function samplePlan(): Plan {
  return {
    mode: 'normal',
    resourceChanges: [
      rc('x_box.created', { actions: ['create'], after: { name: 'new', size: 2, password: SECRET, tags: { env: 'prod' } }, afterUnknown: { id: true }, afterSensitive: { password: true } }),
      rc('x_box.updated', { actions: ['update'], before: prior, after: { ...prior, size: 3, password: `${SECRET}-2` }, beforeSensitive: { password: true }, afterSensitive: { password: true } }),
      rc('x_box.replaced', { actions: ['delete', 'create'], actionReason: 'replace_because_cannot_update', before: prior, after: { ...prior, id: null, name: 'renamed' }, afterUnknown: { id: true }, beforeSensitive: { password: true }, afterSensitive: { password: true }, replacePaths: [['name']] }),
      rc('x_box.gone', { actions: ['delete'], actionReason: 'delete_because_no_resource_config', before: prior, beforeSensitive: { password: true }, providerAddr: SH }),
      rc('x_box.moved_to', { previousAddress: 'x_box.moved_from', before: prior, after: prior, beforeSensitive: { password: true }, afterSensitive: { password: true } }),
      rc('x_box.imported', { importing: { id: 'b-9' }, before: prior, after: prior, beforeSensitive: { password: true }, afterSensitive: { password: true } }),
      rc('x_box.unchanged', { before: prior, after: prior, beforeSensitive: { password: true }, afterSensitive: { password: true } }),
      rc('data.x_zones.all', { actions: ['read'], actionReason: 'read_because_config_unknown', after: { name: 'z' }, afterUnknown: { id: true, size: true } }),
      rc('module.pool.x_box.member["a"]', { module: 'module.pool', actions: ['create'], after: { name: 'a', size: 1, password: null, tags: null }, afterUnknown: { id: true } }),
      rc('module.pool.x_box.member["b"]', { module: 'module.pool', actions: ['create'], after: { name: 'b', size: 1, password: null, tags: null }, afterUnknown: { id: true }, providerAddr: SH }),
    ],
    resourceDrift: [
      rc('x_box.updated', { actions: ['update'], before: { ...prior, tags: { env: 'dev' } }, after: { ...prior, tags: { env: 'qa' } }, beforeSensitive: { password: true }, afterSensitive: { password: true } }),
    ],
    outputChanges: [
      { name: 'box_name', actions: ['create'], before: null, after: 'new', afterUnknown: false, sensitive: false },
      { name: 'box_password', actions: ['create'], before: null, after: SECRET, afterUnknown: false, sensitive: true },
    ],
    variables: {},
    targets: [],
    excludes: [],
    replaceAddrs: [],
    stateLineage: 'lineage',
    stateSerial: 1,
    configDigest: 'digest',
    timestamp: '2026-12-01T00:00:00Z',
    errored: false,
    complete: true,
    applyable: true,
    diagnostics: [{ severity: 'warning', summary: 'Deprecated attribute', detail: 'The attribute "size" is deprecated. Use "capacity" instead.' }],
  };
}

/** A plan of `n` created resources (`x_box.r[0]` …) across `modules` module calls, for scale tests. */
export function largePlan(n: number, modules = 10): Plan {
  const base = samplePlan();
  const changes: ResourceChange[] = [];
  for (let i = 0; i < n; i++) {
    const mod = `module.m${i % modules}`;
    changes.push(rc(`${mod}.x_box.r${Math.floor(i / modules) % 50}[${i}]`, {
      module: mod,
      actions: i % 7 === 0 ? ['delete', 'create'] : i % 5 === 0 ? ['update'] : ['create'],
      before: i % 7 === 0 || i % 5 === 0 ? { ...prior, name: `n${i}` } : null,
      after: { name: `n${i}`, size: i, password: SECRET, tags: { index: String(i), team: `team-${i % 13}` } },
      afterUnknown: { id: true },
      beforeSensitive: { password: true },
      afterSensitive: { password: true },
      ...(i % 7 === 0 ? { replacePaths: [['size']] } : {}),
      providerAddr: i % 2 ? SH : HZ,
    }));
  }
  return { ...base, resourceChanges: changes, resourceDrift: [], outputChanges: base.outputChanges };
}
