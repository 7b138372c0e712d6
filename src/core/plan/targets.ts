import { warning, error, type Diagnostic } from '../../diag/index.js';
import { containsInstance, formatInstance, formatResource, parseInstance, type ResourceInstanceAddr } from '../../addrs/index.js';
import type { ConfigGraph } from '../nodes.js';
import { dependencyClosure, dependents } from '../deps.js';

/** Which resource instances a run may change (`-target`, `-exclude`). */
export interface Targeting {
  readonly active: boolean;
  /** True when the instance may be planned/changed. */
  includes(addr: ResourceInstanceAddr, nodeId: string): boolean;
}

/**
 * Builds the targeting of a run: `-target` keeps the named resources or instances and everything they
 * depend on (Terraform's warning `Resource targeting is in effect`); `-exclude` (OpenTofu's inverse)
 * removes the named ones and everything that depends on them. In a destroy run (`destroy`) the
 * directions turn round, as in Terraform: `-target` destroys the named objects and everything that
 * depends on them (never what they depend on), and `-exclude` keeps the named objects and everything
 * they depend on.
 */
export function buildTargeting(g: ConfigGraph, targets: readonly string[], excludes: readonly string[], destroy = false): { value: Targeting; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const parse = (list: readonly string[], flag: string) => {
    const out: ResourceInstanceAddr[] = [];
    for (const t of list) {
      const r = parseInstance(t);
      if ('error' in r) diags.push(error('Invalid target address', `${flag}=${t}: ${r.error}`));
      else out.push(r.addr);
    }
    return out;
  };
  const tAddrs = parse(targets, '-target');
  const xAddrs = parse(excludes, '-exclude');
  if (!tAddrs.length && !xAddrs.length) return { value: { active: false, includes: () => true }, diagnostics: diags };
  const nodeOf = (a: ResourceInstanceAddr) => formatResource({ ...a, module: a.module.map((m) => ({ name: m.name })) });
  const tNodes = new Set(tAddrs.map(nodeOf));
  const closure = !tAddrs.length ? undefined : destroy ? new Set([...tNodes, ...dependents(g, tNodes)]) : dependencyClosure(g, tNodes);
  const xNodes = new Set(xAddrs.map(nodeOf));
  const xDependents = destroy ? dependencyClosure(g, [...xNodes].flatMap((x) => [...(g.deps.get(x) ?? [])])) : dependents(g, xNodes);
  if (tAddrs.length) {
    diags.push(
      warning(
        'Resource targeting is in effect',
        'You are creating a plan with the -target option, which means that the result of this plan may not represent all of the changes requested by the current configuration.\n\nThe -target option is not for routine use, and is provided only for exceptional situations such as recovering from errors or mistakes, or when minitf specifically suggests to use it as part of an error message.',
      ),
    );
  }
  if (xAddrs.length) {
    diags.push(warning('Resource exclusion is in effect', 'You are creating a plan with the -exclude option: the named resources and everything that depends on them are left out of this plan.'));
  }
  const includes = (addr: ResourceInstanceAddr, nodeId: string): boolean => {
    if (xAddrs.some((x) => containsInstance(x, addr))) return false;
    if (xDependents.has(nodeId)) return false;
    if (!closure) return true;
    if (tNodes.has(nodeId)) return tAddrs.some((t) => nodeOf(t) === nodeId && containsInstance(t, addr));
    return closure.has(nodeId);
  };
  void formatInstance;
  return { value: { active: true, includes }, diagnostics: diags };
}
