import { diagnosticJSON, type Diagnostic } from '../diag/index.js';
import { formatKey, impliedProvider } from '../addrs/index.js';
import type { StateOutput } from '../states/model.js';
import { outputDiff, uiAction } from './changes.js';
import type { ChangeSummary, OutputChange, ResourceChange } from './model.js';
import { goJSON, sortedKeys, sortJSON } from './text.js';
import { normaliseShape, omitUnknown, shapePaths } from './values.js';

/** Levels of `-json` UI messages. */
export type UiLevel = 'info' | 'warn' | 'error';

/** RFC 3339 timestamp with 6 fractional digits and `Z`, as Terraform's UI prints. */
export function timestamp(d = new Date()): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * Formats one `-json` UI line (with its newline): the envelope `@level`, `@message`, `@module`
 * (`terraform.ui`), `@timestamp`, the payload and `type`, top-level keys sorted like Terraform's
 * logger, nested objects in Terraform's field order, `<>&` escaped.
 */
export function uiLine(level: UiLevel, message: string, type: string, payload: Record<string, unknown> = {}, now: Date = new Date()): string {
  const obj: Record<string, unknown> = { '@level': level, '@message': message, '@module': 'terraform.ui', '@timestamp': timestamp(now), ...payload, type };
  const sorted: Record<string, unknown> = {};
  for (const k of sortedKeys(Object.keys(obj))) sorted[k] = obj[k];
  return goJSON(sorted) + '\n';
}

/** The first line of every `-json` stream: the program version and UI format version "1.2". */
export function versionLine(version: string, now?: Date): string {
  return uiLine('info', `minitf ${version}`, 'version', { terraform: version, ui: '1.2' }, now);
}

/** The parts of a resource instance address the UI needs. */
export interface UiResource {
  readonly module: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
}

/** Terraform's JSON resource address object (`addr`, `module`, `resource`, `implied_provider`, …). */
export function resourceAddrJSON(r: UiResource): Record<string, unknown> {
  const local = `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}${formatKey(r.index)}`;
  return {
    addr: r.module ? `${r.module}.${local}` : local,
    module: r.module,
    resource: local,
    implied_provider: impliedProvider(r.type),
    resource_type: r.type,
    resource_name: r.name,
    resource_key: r.index ?? null,
  };
}

function parseAddrParts(address: string, like: ResourceChange): UiResource {
  // Previous addresses share the shape of the current one; only the text differs.
  const m = /^(?:(.*?)\.)?(?:(data)\.)?([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)(\[(?:"[^"]*"|\d+)\])?$/.exec(address);
  if (!m) return { module: like.module, mode: like.mode, type: like.type, name: like.name, ...(like.index !== undefined ? { index: like.index } : {}) };
  const key = m[5] ? JSON.parse(m[5].slice(1, -1)) as string | number : undefined;
  return { module: m[1] ?? '', mode: m[2] ? 'data' : 'managed', type: m[3]!, name: m[4]!, ...(key !== undefined ? { index: key } : {}) };
}

const REASONS: Readonly<Record<string, string>> = {
  replace_because_tainted: 'tainted',
  replace_by_request: 'requested',
  replace_because_cannot_update: 'cannot_update',
  replace_by_triggers: 'replace_triggered_by',
};

/** Replaces the sensitive parts of a value (per a boolean shape) by `"(sensitive value)"`. */
export function redact(value: unknown, sensitive: unknown): unknown {
  if (sensitive === true) return value === null ? null : '(sensitive value)';
  if (Array.isArray(value)) return value.map((v, i) => redact(v, Array.isArray(sensitive) ? sensitive[i] : false));
  if (value !== null && typeof value === 'object') {
    const s = sensitive !== null && typeof sensitive === 'object' && !Array.isArray(sensitive) ? (sensitive as Record<string, unknown>) : {};
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, s[k])]));
  }
  return value;
}

/** The `change` object of a `planned_change`/`resource_drift` line; `withValues` adds minitf's attribute diff. */
export function changeJSON(c: ResourceChange, withValues: boolean): Record<string, unknown> {
  let action = uiAction(c);
  const moved = c.previousAddress !== undefined && c.previousAddress !== c.address;
  if (action === 'noop' && moved) action = 'move';
  if (action === 'noop' && c.importing) action = 'import';
  const resource: UiResource = { module: c.module, mode: c.mode, type: c.type, name: c.name, ...(c.index !== undefined ? { index: c.index } : {}) };
  const out: Record<string, unknown> = {
    resource: resourceAddrJSON(resource),
    previous_resource: moved ? resourceAddrJSON(parseAddrParts(c.previousAddress!, c)) : undefined,
    action,
    reason: c.actionReason ? (REASONS[c.actionReason] ?? c.actionReason) : undefined,
    importing: c.importing ? { id: c.importing.id } : undefined,
  };
  if (withValues) {
    const unknown = normaliseShape(c.after, c.afterUnknown);
    out.before = sortJSON(redact(c.before ?? null, c.beforeSensitive));
    out.after = c.afterUnknown === true ? null : sortJSON(redact(omitUnknown(c.after ?? null, unknown), c.afterSensitive));
    out.after_unknown = c.afterUnknown === true ? true : shapePaths(unknown).length === 0 ? {} : unknown;
  }
  return out;
}

/**
 * A `planned_change` line: Terraform's payload plus — beyond Terraform — the attribute diff
 * (`change.before`, `change.after`, `change.after_unknown`, sensitive values as `"(sensitive value)"`).
 * No-op changes have no line unless they move or import.
 */
export function plannedChangeLine(c: ResourceChange, now?: Date): string | undefined {
  const change = changeJSON(c, true);
  if (change.action === 'noop') return undefined;
  const addr = (change.resource as { addr: string }).addr;
  return uiLine('info', `${addr}: Plan to ${String(change.action)}`, 'planned_change', { change }, now);
}

/** A `resource_drift` line (`ADDR: Drift detected (update)`). */
export function driftLine(c: ResourceChange, now?: Date): string {
  const change = changeJSON(c, false);
  const addr = (change.resource as { addr: string }).addr;
  return uiLine('info', `${addr}: Drift detected (${String(change.action)})`, 'resource_drift', { change }, now);
}

/** The operations a change summary reports on. */
export type SummaryOperation = 'plan' | 'apply' | 'destroy';

/** The human summary sentence (`Plan: …`, `Apply complete! Resources: …`, `Destroy complete! …`). */
export function summaryText(s: ChangeSummary, operation: SummaryOperation): string {
  switch (operation) {
    case 'plan':
      return `Plan: ${s.import > 0 ? `${s.import} to import, ` : ''}${s.add} to add, ${s.change} to change, ${s.remove} to destroy.`;
    case 'apply':
      return `Apply complete! Resources: ${s.import > 0 ? `${s.import} imported, ` : ''}${s.add} added, ${s.change} changed, ${s.remove} destroyed.`;
    case 'destroy':
      return `Destroy complete! Resources: ${s.remove} destroyed.`;
  }
}

/** A `change_summary` line. */
export function changeSummaryLine(s: ChangeSummary, operation: SummaryOperation, now?: Date): string {
  return uiLine('info', summaryText(s, operation), 'change_summary', { changes: { add: s.add, change: s.change, import: s.import, remove: s.remove, operation } }, now);
}

/** The `outputs` line of a plan: each output's sensitivity and planned action. */
export function planOutputsLine(changes: readonly OutputChange[], now?: Date): string {
  const outputs: Record<string, unknown> = {};
  for (const o of [...changes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    outputs[o.name] = { sensitive: o.sensitive, action: outputDiff(o).action };
  }
  return uiLine('info', `Outputs: ${changes.length}`, 'outputs', { outputs }, now);
}

/** The `outputs` line after apply: sensitivity, type and (unless sensitive) value of each output. */
export function applyOutputsLine(outputs: Readonly<Record<string, StateOutput>>, now?: Date): string {
  const out: Record<string, unknown> = {};
  for (const k of sortedKeys(Object.keys(outputs))) {
    const o = outputs[k]!;
    out[k] = { sensitive: o.sensitive === true, type: o.type, value: o.sensitive ? undefined : sortJSON(o.value) };
  }
  return uiLine('info', `Outputs: ${Object.keys(outputs).length}`, 'outputs', { outputs: out }, now);
}

/** A diagnostic as a `-json` UI line. */
export function diagnosticLine(d: Diagnostic, now?: Date): string {
  const error = d.severity === 'error';
  return uiLine(error ? 'error' : 'warn', `${error ? 'Error' : 'Warning'}: ${d.summary}`, 'diagnostic', { diagnostic: diagnosticJSON(d) }, now);
}

/** A `log` line (interrupt notices and other free text). */
export function logLine(message: string, level: UiLevel = 'info', now?: Date): string {
  return uiLine(level, message, 'log', {}, now);
}
