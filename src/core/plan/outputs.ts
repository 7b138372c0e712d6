import { isDeepStrictEqual } from 'node:util';
import { error, type Diagnostic } from '../../diag/index.js';
import type { Output } from '../../config/model.js';
import { containsSensitive, isNull, isWhollyKnown, toJSON, toPlanJSON, typeOf, type Value } from '../../lang/index.js';
import type { Actions, OutputChange } from '../../plans/model.js';
import type { StateOutput } from '../../states/model.js';
import type { ModuleInstance, World } from '../eval/world.js';
import { checkConditions } from './conditions.js';

/** Evaluates an output in a module instance with its checks (sensitivity, preconditions). */
export function evaluateOutput(world: World, mi: ModuleInstance, o: Output): { value: Value | undefined; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  diags.push(...checkConditions(world, mi, o.preconditions, {}, 'Module output value precondition failed'));
  const r = world.evaluate(o.value, mi);
  diags.push(...r.diagnostics);
  if (r.diagnostics.some((d) => d.severity === 'error')) return { value: undefined, diagnostics: diags };
  if (!o.sensitive && containsSensitive(r.value)) {
    diags.push(
      error(
        'Output refers to sensitive values',
        'To reduce the risk of accidentally exporting sensitive data that was intended to be only internal, minitf requires that any root module output containing sensitive data be explicitly marked as sensitive, to confirm your intent.\n\nIf you do intend to export this data, annotate the output value as sensitive by adding the following argument:\n    sensitive = true',
        { subject: o.range, context: `output "${o.name}"` },
      ),
    );
    return { value: undefined, diagnostics: diags };
  }
  return { value: r.value, diagnostics: diags };
}

/** The planned change of a root output (Terraform: absent→null is no change; null outputs are not stored). */
export function outputChange(name: string, prior: StateOutput | undefined, after: Value | undefined, sensitive: boolean): OutputChange {
  if (after === undefined) {
    return { name, actions: ['delete'], before: prior?.value ?? null, after: null, afterUnknown: false, sensitive: sensitive || Boolean(prior?.sensitive) };
  }
  const known = isWhollyKnown(after);
  const pj = toPlanJSON(after);
  const value = known ? toJSON(after) : pj.value;
  let actions: Actions;
  if (!prior) actions = known && isNull(after) ? ['no-op'] : ['create'];
  else if (!known) actions = ['update'];
  else actions = isDeepStrictEqual(prior.value, value) ? ['no-op'] : ['update'];
  return {
    name,
    actions,
    before: prior?.value ?? null,
    after: value,
    afterUnknown: !known,
    ...(!known && pj.unknown !== true ? { unknownShape: pj.unknown } : {}),
    ...(prior?.sensitive ? { beforeSensitive: true } : {}),
    sensitive: sensitive || containsSensitive(after),
  };
}

/** The stored form of an output value, or undefined for null (null outputs are not stored). */
export function stateOutput(v: Value, sensitive: boolean): StateOutput | undefined {
  if (!isWhollyKnown(v) || isNull(v)) return undefined;
  return { value: toJSON(v), type: typeOf(v), ...(sensitive || containsSensitive(v) ? { sensitive: true } : {}) };
}
