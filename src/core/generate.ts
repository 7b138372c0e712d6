import { error, hasErrors, type Diagnostic } from '../diag/index.js';
import { formatInstance, impliedProvider, parseInstance } from '../addrs/index.js';
import type { Import } from '../config/model.js';
import { asTraversal, evaluate, isKnown, toJSON } from '../lang/index.js';
import { formatHclValue } from '../plans/hcl.js';
import { World } from './eval/world.js';
import type { ConfigNode } from './nodes.js';
import { buildConfigGraph } from './nodes.js';
import { configureProvider } from './providers.js';
import { operationContext, timeoutMs } from './opctx.js';
import { providerErrorDiagnostic } from './errors.js';
import { schemaOf } from './schema-types.js';
import { resolveVariables } from './vars/resolve.js';
import type { EngineContext } from './options.js';

/** The import blocks of the root module whose target has no resource block. */
export function importsWithoutConfig(ctx: Pick<EngineContext, 'config'>): Import[] {
  const root = ctx.config.root;
  return root.imports.filter((imp) => {
    const parts = asTraversal(imp.to);
    return parts !== undefined && parts[0] !== 'module' && !root.managedResources.has(`${String(parts[0])}.${String(parts[1])}`);
  });
}

/**
 * `plan -generate-config-out`: reads each import target that has no resource block through its
 * handler (`import`, then `read`) and writes HCL resource blocks with the arguments the object has
 * (computed-only attributes and nulls left out), headed by a note to review them. Returns the text.
 */
export async function generateImportConfig(ctx: EngineContext, imports: readonly Import[]): Promise<{ value: string; diagnostics: Diagnostic[] }> {
  const diags: Diagnostic[] = [];
  const root = ctx.config.root;
  const vars = resolveVariables(root, ctx.variables);
  diags.push(...vars.diagnostics);
  if (hasErrors(diags)) return { value: '', diagnostics: diags };
  const world = new World(ctx.cwd, root, ctx.workspace, true);
  world.vars.set('', vars.value);
  const graph = buildConfigGraph(root);
  const blocks: string[] = [];
  for (const imp of imports) {
    const parts = asTraversal(imp.to)!;
    const text = parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
    const parsed = parseInstance(text);
    if ('error' in parsed || parsed.addr.key !== undefined) {
      diags.push(error('Invalid import address', `minitf can generate configuration only for a whole resource without count or for_each (${text}).`, { subject: imp.range }));
      continue;
    }
    const addr = parsed.addr;
    const schema = schemaOf('resource', addr.type);
    const id = evaluate(imp.id, { get: () => undefined, baseDir: root.dir });
    diags.push(...id.diagnostics);
    if (!isKnown(id.value) || typeof toJSON(id.value) !== 'string') {
      diags.push(error('Invalid import id argument', 'The import ID must be a known string.', { subject: imp.id.range }));
      continue;
    }
    const name = imp.provider?.name ?? impliedProvider(addr.type);
    const alias = imp.provider?.alias;
    const node = (graph.nodes.get(`provider.${name}${alias ? `.${alias}` : ''}`) as Extract<ConfigNode, { kind: 'provider' }> | undefined) ?? { kind: 'provider' as const, id: `provider.${name}`, path: [], name };
    const slot = await configureProvider(world, graph, node, { env: ctx.env, cwd: ctx.cwd, ...(ctx.emulator ? { emulator: ctx.emulator } : {}) });
    diags.push(...slot.diagnostics);
    const handler = slot.value.provider?.resources[addr.type];
    if (!handler || !schema) {
      diags.push(error('Invalid resource type', `minitf has no resource type "${addr.type}".`, { subject: imp.range }));
      continue;
    }
    const oc = operationContext(slot.value, slot.value.forEach ? [...slot.value.instances.keys()][0] : undefined, formatInstance(addr), timeoutMs(undefined, handler.timeouts.read ?? 5 * 60_000), undefined);
    diags.push(...oc.diagnostics);
    if (!oc.value) continue;
    let attrs;
    try {
      const found = await handler.import(oc.value, toJSON(id.value) as string);
      attrs = found ? ((await handler.read(oc.value, found)) ?? found) : null;
    } catch (e) {
      diags.push(providerErrorDiagnostic(e, formatInstance(addr), 'import'));
      continue;
    }
    if (!attrs) {
      diags.push(error('Cannot import non-existent remote object', `No object with ID "${String(toJSON(id.value))}" exists for ${formatInstance(addr)}.`, { subject: imp.range }));
      continue;
    }
    const lines = [`# __generated__ by minitf from "${String(toJSON(id.value))}"`, `resource "${addr.type}" "${addr.name}" {`];
    if (imp.provider) lines.push(`  provider = ${name}${alias ? `.${alias}` : ''}`);
    const names = Object.values(schema.attributes).filter((a) => !a.readOnly && !a.deprecated && attrs![a.name] !== null && attrs![a.name] !== undefined);
    const width = Math.max(0, ...names.map((a) => a.name.length));
    for (const a of names) lines.push(`  ${a.name.padEnd(width)} = ${formatHclValue(attrs[a.name], undefined, 1)}`);
    lines.push('}');
    blocks.push(lines.join('\n'));
  }
  const header = '# __generated__ by minitf\n# Please review these resources and move them into your main configuration files.\n';
  return { value: `${header}\n${blocks.join('\n\n')}\n`, diagnostics: diags };
}
