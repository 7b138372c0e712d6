import { error, type Diagnostic } from '../diag/index.js';
import { ForceUnlockError, SealError, StateBackendError, StateCorruptError, StateLockedError, StaleStateError, type LockInfo } from './backend.js';

/**
 * Terraform's lock error: `Error acquiring the state lock`, the reason, a `Lock Info:` block (ID,
 * Path, Operation, Who, Version, Created in Go's time format, Info, and minitf's PID when known),
 * then the advice about `-lock=false`.
 */
export function lockErrorDiagnostic(e: StateLockedError): Diagnostic {
  const lines = [`Error message: ${e.message}`];
  if (e.info) lines.push(...lockInfoBlock(e.info));
  lines.push(
    '',
    '',
    'minitf acquires a state lock to protect the state from being written',
    'by multiple users at the same time. Please resolve the issue above and try',
    'again. For most commands, you can disable locking with the "-lock=false"',
    'flag, but this is not recommended.',
  );
  return error('Error acquiring the state lock', lines.join('\n'));
}

/** The `Lock Info:` block of a lock error, one line per field, values aligned as Terraform prints them. */
export function lockInfoBlock(info: LockInfo): string[] {
  const rows: [string, string][] = [
    ['ID', info.ID],
    ['Path', info.Path],
    ['Operation', info.Operation],
    ['Who', info.Who],
    ['Version', info.Version],
    ['Created', goTime(info.Created)],
    ['Info', info.Info],
  ];
  if (info.PID !== undefined) rows.push(['PID', `${info.PID}${info.Host ? ` on ${info.Host}` : ''}`]);
  return ['Lock Info:', ...rows.map(([k, v]) => `  ${(k + ':').padEnd(10)} ${v}`)];
}

/** Formats an RFC 3339 time as Go's `time.Time.String()` does: `2026-11-28 10:09:37.62 +0000 UTC`. */
export function goTime(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  const iso = d.toISOString();
  const frac = (/\.(\d+)/.exec(rfc3339)?.[1] ?? '').replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac ? `.${frac}` : ''} +0000 UTC`;
}

/**
 * Turns the errors a backend throws for user-facing situations (locked, corrupt, stale, sealed,
 * force-unlock, a backend's own failures such as an unreachable database) into a diagnostic; undefined for anything else (bugs and I/O faults stay thrown).
 */
export function stateErrorDiagnostic(e: unknown): Diagnostic | undefined {
  if (e instanceof StateLockedError) return lockErrorDiagnostic(e);
  if (e instanceof StateCorruptError) return error('Failed to load state', e.message);
  if (e instanceof StaleStateError) return error('Failed to persist state', e.message);
  if (e instanceof SealError) return error('Cannot open sealed values in the state', e.message);
  if (e instanceof ForceUnlockError) return error(`Failed to unlock state: ${e.message}`);
  if (e instanceof StateBackendError) return error(e.summary, e.message);
  return undefined;
}
