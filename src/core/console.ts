import { hasErrors, type Diagnostic } from '../diag/index.js';
import type { InstanceKey } from '../addrs/index.js';
import { consoleLine, parseExpression, type ConsoleResult } from '../lang/index.js';
import type { StateFile } from '../states/model.js';
import { World, type Expansion } from './eval/world.js';
import type { EngineContext } from './options.js';
import { schemaOf } from './schema-types.js';
import { instanceValue } from './plan/values.js';
import { resolveVariables } from './vars/resolve.js';

/** An expression console over a configuration and its state (`minitf console`). */
export interface Console {
  /** Evaluates one line; the result's text is what the console prints. */
  evaluate(line: string): ConsoleResult;
}

/**
 * Builds the console's evaluation world: root variables (with their values from the usual sources),
 * locals, and resource values from the state (resources not in state are unknown), as
 * `terraform console` does. Diagnostics are about the variables.
 */
export function openConsole(ctx: EngineContext, state: StateFile | null): { value: Console | undefined; diagnostics: Diagnostic[] } {
  const root = ctx.config.root;
  const vars = resolveVariables(root, ctx.variables);
  if (hasErrors(vars.diagnostics)) return { value: undefined, diagnostics: vars.diagnostics };
  const world = new World(ctx.cwd, root, ctx.workspace, false);
  world.vars.set('', vars.value);
  const mi = world.moduleInstances.get('')![0]!;
  const keys = new Map<string, InstanceKey[]>();
  for (const r of state?.resources ?? []) {
    if (r.module) continue;
    const addr = `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
    for (const i of r.instances) {
      if (i.deposed) continue;
      (keys.get(addr) ?? keys.set(addr, []).get(addr)!).push(i.index_key);
      const a = { module: [], mode: r.mode, type: r.type, name: r.name, ...(i.index_key !== undefined ? { key: i.index_key } : {}) };
      world.setValue(a, instanceValue(schemaOf(r.mode === 'data' ? 'data' : 'resource', r.type), i));
    }
  }
  for (const res of [...root.managedResources.values(), ...root.dataResources.values()]) {
    const ks = keys.get(res.address) ?? [];
    let e: Expansion;
    if (res.count) e = { mode: 'count', keys: ks.filter((k): k is number => typeof k === 'number').sort((a, b) => a - b) };
    else if (res.forEach) e = { mode: 'for_each', keys: ks.filter((k): k is string => typeof k === 'string').sort(), values: new Map() };
    else e = { mode: 'single' };
    world.setExpansion(mi, res, e);
  }
  return {
    value: {
      evaluate(line: string): ConsoleResult {
        const p = parseExpression(line, { file: '<console-input>', line: 1, column: 1 });
        const scope = p.diagnostics.length ? world.scope([], mi) : world.scope([p.value], mi);
        return consoleLine(line, scope);
      },
    },
    diagnostics: vars.diagnostics,
  };
}
