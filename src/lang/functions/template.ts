import { EvalError, evalNode } from '../eval/context.js';
import type { Scope, Value } from '../model.js';
import { compiled, parseTemplate } from '../parser/api.js';
import { isMapType, isObjectType } from '../values/types.js';
import { type V } from '../values/value.js';
import { S } from './helpers.js';
import { register } from './registry.js';
import { ArgError, FuncError, p, type CallInfo } from './types.js';

/** Renders template text with `vars` as its only names (functions stay available). */
export function renderTemplate(text: string, file: string, vars: V, call: CallInfo): V {
  if (!isMapType(vars.t) && !isObjectType(vars.t)) throw new ArgError(1, 'invalid vars value: must be a map');
  const names = vars.v as Map<string, V>;
  for (const k of names.keys()) {
    if (!/^[\p{ID_Start}_][\p{ID_Continue}_-]*$/u.test(k)) throw new ArgError(1, `invalid template variable name ${JSON.stringify(k)}: must start with a letter, followed by zero or more letters, digits, and underscores`);
  }
  const parsed = parseTemplate(text, { file, line: 1, column: 1 });
  if (parsed.diagnostics.length) {
    const d = parsed.diagnostics[0]!;
    throw new FuncError(`${file}:${d.subject?.start.line ?? 1},${d.subject?.start.column ?? 1}: ${d.summary}; ${d.detail ?? ''}`);
  }
  const c = compiled(parsed.value);
  const scope: Scope = {
    get: (root) => names.get(root) as unknown as Value | undefined,
    baseDir: call.ctx.scope.baseDir,
    ...(call.ctx.scope.planning !== undefined ? { planning: call.ctx.scope.planning } : {}),
  };
  try {
    return evalNode(c.node, { scope, src: c.src, locals: new Map(), anon: undefined });
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    const at = e.diag.subject?.start;
    throw new FuncError(`${file}:${at?.line ?? 1},${at?.column ?? 1}: ${e.diag.summary}; ${e.diag.detail ?? ''}`);
  }
}

register({
  templatestring: {
    params: [p('template', 'string'), p('vars', 'dynamic')],
    returns: 'dynamic',
    impl: ([t, vars], call) => renderTemplate(S(t!), '<templatestring>', vars!, call),
  },
});
