import { describe, expect, test } from 'vitest';
import { planJSON, stateJSON } from '../../src/plans/json.js';
import type { StateFile } from '../../src/states/model.js';
import { awsSchemas, goldenCases, modeOf, planFromShowJSON } from './helpers.js';

const parse = (t: string | undefined) => (t === undefined ? undefined : JSON.parse(t));

/** Resource identities and provider names of a `configuration` section (module calls flattened). */
function configResources(cfg: any): string[] {
  const out: string[] = [];
  const walk = (m: any, prefix: string) => {
    for (const r of m?.resources ?? []) out.push(`${prefix}${r.address} ${r.mode} ${r.type} ${r.name}`);
    for (const [k, c] of Object.entries<any>(m?.module_calls ?? {})) walk(c.module, `${prefix}module.${k}.`);
  };
  walk(cfg.root_module, '');
  return out.sort();
}
const providerNames = (cfg: any) => [...new Set(Object.values<any>(cfg.provider_config ?? {}).map((p) => `${p.name} ${p.full_name}`))].sort();

const cases = goldenCases().filter((c) => c.file('plan.json'));

describe('`show -json` of a plan has Terraform\'s shape and values', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const want = c.json('plan.json');
    const prior = parse(c.file('prior.tfstate')) as StateFile | undefined;
    const plan = planFromShowJSON(want, modeOf(c.spec.plan.args));
    const got = JSON.parse(JSON.stringify(planJSON(plan, prior ?? null, awsSchemas, { version: '1.11.4' })));
    const samePrior = JSON.stringify(want.prior_state) === JSON.stringify(parse(c.file('prior-state.json')));
    const strip = (j: any) => {
      const { configuration, prior_state, ...rest } = j;
      return { ...rest, ...(samePrior ? { prior_state } : {}) };
    };
    expect(strip(got)).toEqual(strip(want));
    // minitf's configuration section is minimal: the resources and providers the plan touches.
    const mine = configResources(got.configuration);
    expect(mine.filter((r) => !configResources(want.configuration).includes(r))).toEqual([]);
    expect(mine.length).toBe(new Set(plan.resourceChanges.filter((c) => !c.actionReason?.startsWith('delete_because_no') && c.actions.join() !== 'forget').map((c) => `${c.module.replace(/\[[^\]]*\]/g, '')}${c.mode}.${c.type}.${c.name}`)).size);
    expect(providerNames(got.configuration).filter((p) => !providerNames(want.configuration).includes(p))).toEqual([]);
    expect(Object.keys(got)).toEqual(Object.keys(want).filter((k) => k in got));
  });
});

const states = goldenCases().flatMap((c) =>
  (['prior', 'post'] as const)
    .filter((w) => c.file(`${w}.tfstate`) && c.file(`${w}-state.json`))
    .map((w) => [`${c.name} (${w})`, parse(c.file(`${w}.tfstate`)) as StateFile, parse(c.file(`${w}-state.json`))] as const),
);

describe('`show -json` of a state', () => {
  test.each(states)('%s', (_n, state, want) => {
    const got = JSON.parse(JSON.stringify(stateJSON(state, awsSchemas)));
    expect(got).toEqual(want);
    expect(JSON.stringify(got)).toBe(JSON.stringify(want));
  });

  test('no state', () => {
    expect(stateJSON(null, awsSchemas)).toEqual({ format_version: '1.0' });
  });
});
