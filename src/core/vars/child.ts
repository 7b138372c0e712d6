import { error, hasErrors, type Diagnostic } from '../../diag/index.js';
import { formatModule } from '../../addrs/index.js';
import type { Value } from '../../lang/index.js';
import { configKey, type ModuleInstance, type World } from '../eval/world.js';
import { checkVariable, variableType } from './resolve.js';

/**
 * Evaluates one input variable of a child module instance from its module call's argument (in the
 * parent instance, with the call's `count.index`/`each`), or its default; converted and validated as
 * the variable declares. `value` is undefined when that fails (the diagnostics say why).
 */
export function childVariableValue(world: World, mi: ModuleInstance, name: string): { value: Value | undefined; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const parentPath = mi.path.slice(0, -1);
  const parent = (world.moduleInstances.get(configKey(parentPath)) ?? []).find((p) => p.key === formatModule(parentPath));
  const call = parent?.module.moduleCalls.get(mi.path[mi.path.length - 1]!.name);
  const v = mi.module.variables.get(name);
  if (!v) return { value: undefined, diagnostics };
  const t = variableType(v);
  diagnostics.push(...t.diagnostics);
  const input = call?.inputs[name];
  const last = mi.path[mi.path.length - 1]!;
  const extras = last.key === undefined ? {} : typeof last.key === 'number' ? { countIndex: last.key } : { eachKey: last.key, eachValue: world.moduleEach.get(mi.key)! };
  let value: Value;
  if (input && parent) {
    const r = world.evaluate(input.expr, parent, extras);
    diagnostics.push(...r.diagnostics);
    if (hasErrors(r.diagnostics)) return { value: undefined, diagnostics };
    value = r.value;
  } else if (v.default) {
    value = world.evaluate(v.default, mi).value;
  } else {
    diagnostics.push(error('Missing required argument', `The argument "${name}" is required, but no definition was found.`, { subject: call?.range ?? v.range }));
    return { value: undefined, diagnostics };
  }
  const c = checkVariable(v, t.type, value, formatModule(mi.path), mi.module.dir, input?.range);
  diagnostics.push(...c.diagnostics);
  return { value: c.value, diagnostics };
}
