/** The status of a checkable object, as Terraform's `checks` JSON and state `check_results` spell it. */
export type CheckStatus = 'pass' | 'fail' | 'unknown' | 'error';

/** The result of one `check` block instance (one per module instance). */
export interface CheckInstanceResult {
  /** Module instance path text (`module.m[0]`), empty for the root module. */
  readonly module: string;
  readonly status: CheckStatus;
  /** The error messages of the assertions that failed. */
  readonly problems: readonly string[];
}

/** The result of one `check` block of the configuration, over all instances of its module. */
export interface CheckResult {
  /** Module path text without keys (`module.m`), empty for the root module. */
  readonly module: string;
  readonly name: string;
  readonly status: CheckStatus;
  readonly instances: readonly CheckInstanceResult[];
}

/** Terraform's aggregate of statuses: any error, else any failure, else any unknown, else pass. */
export function aggregateStatus(statuses: readonly CheckStatus[]): CheckStatus {
  for (const s of ['error', 'fail', 'unknown'] as const) if (statuses.includes(s)) return s;
  return 'pass';
}

const display = (module: string, name: string) => `${module ? `${module}.` : ''}check.${name}`;
const sorted = (rs: readonly CheckResult[]) => [...rs].sort((a, b) => (display(a.module, a.name) < display(b.module, b.name) ? -1 : 1));

/** The `checks` section of `show -json` (plan or state), Terraform's shape; undefined when there are none. */
export function checksJSON(results: readonly CheckResult[] | undefined): unknown[] | undefined {
  if (!results || !results.length) return undefined;
  return sorted(results).map((r) => ({
    address: { kind: 'check', ...(r.module ? { module: r.module } : {}), name: r.name, to_display: display(r.module, r.name) },
    status: r.status,
    instances: r.instances.map((i) => ({
      address: { ...(i.module ? { module: i.module } : {}), to_display: display(i.module, r.name) },
      status: i.status,
      ...(i.problems.length ? { problems: i.problems.map((message) => ({ message })) } : {}),
    })),
  }));
}

/** One entry of a state file's `check_results`. */
export interface StateCheckResult {
  readonly object_kind: 'check';
  readonly config_addr: string;
  readonly status: CheckStatus;
  readonly objects: readonly { readonly object_addr: string; readonly status: CheckStatus; readonly failure_messages?: readonly string[] }[] | null;
}

/** The `check_results` of a state file (Terraform's layout), null when there are none. */
export function stateCheckResults(results: readonly CheckResult[] | undefined): StateCheckResult[] | null {
  if (!results || !results.length) return null;
  return sorted(results).map((r) => ({
    object_kind: 'check',
    config_addr: display(r.module, r.name),
    status: r.status,
    objects: r.instances.map((i) => ({ object_addr: display(i.module, r.name), status: i.status, ...(i.problems.length ? { failure_messages: i.problems } : {}) })),
  }));
}

/** Check results read back from a state file's `check_results` (unknown entries skipped). */
export function fromStateCheckResults(raw: unknown): CheckResult[] {
  if (!Array.isArray(raw)) return [];
  const out: CheckResult[] = [];
  for (const e of raw as StateCheckResult[]) {
    if (!e || e.object_kind !== 'check' || typeof e.config_addr !== 'string') continue;
    const m = /^(?:(.*)\.)?check\.([^.]+)$/.exec(e.config_addr);
    if (!m) continue;
    out.push({
      module: m[1] ?? '',
      name: m[2]!,
      status: e.status,
      instances: (e.objects ?? []).map((o) => ({ module: /^(?:(.*)\.)?check\.[^.]+$/.exec(o.object_addr)?.[1] ?? '', status: o.status, problems: o.failure_messages ?? [] })),
    });
  }
  return out;
}
