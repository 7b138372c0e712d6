import { StateCorruptError, type IntentEvent, type JournalEvent } from './backend.js';

/**
 * A journal line minitf writes for itself: the snapshot with this serial and lineage contains every
 * event before this line. `write` appends one (in call order with the events) before replacing the
 * snapshot, then rewrites the journal to start with it.
 */
export interface CheckpointLine {
  readonly t: 'checkpoint';
  readonly serial: number;
  readonly lineage: string;
  readonly id: string;
}

/** Which state a snapshot is: its lineage and serial. */
export type SerialLineage = Pick<CheckpointLine, 'serial' | 'lineage'>;

/** One line of the journal file. */
export type JournalLine = JournalEvent | CheckpointLine;

/** Journal lines as text: one JSON object per line, each ending in a newline. */
export function journalText(lines: readonly JournalLine[]): string {
  return lines.map((l) => JSON.stringify(l) + '\n').join('');
}

/**
 * What a journal keeps once the snapshot of checkpoint `id` is stored (undefined: nothing to drop):
 * the intents no event resolved before the previous snapshot's checkpoint (`previous`), then every
 * line from that checkpoint on (or from checkpoint `id` when there is no checkpoint of `previous`),
 * so restoring the backup replays everything since it. With `reset` (a state of another lineage
 * replaced the stored one) only the lines from checkpoint `id` on. Each event is rewritten at most
 * once over its life, so a journal costs O(events) bytes in total.
 */
export function compactLines(lines: readonly JournalLine[], id: string, previous?: SerialLineage, reset = false): JournalLine[] | undefined {
  const at = lines.findIndex((l) => l.t === 'checkpoint' && l.id === id);
  if (at < 0) return undefined;
  if (reset) return at === 0 ? undefined : lines.slice(at);
  const before = previous ? lastCheckpoint(lines, previous, at) : -1;
  const from = before < 0 ? at : before;
  if (from === 0) return undefined;
  return [...pendingIntents(lines.slice(0, from)), ...lines.slice(from)];
}

/** The index of the last checkpoint of `s` before index `end`, or -1 when there is none. */
function lastCheckpoint(lines: readonly JournalLine[], s: SerialLineage, end = lines.length): number {
  return lines.slice(0, end).findLastIndex((l) => l.t === 'checkpoint' && l.serial === s.serial && l.lineage === s.lineage);
}

/**
 * True when a snapshot was read in the middle of another process's write: the journal has
 * checkpoints of its lineage, none of its serial, and a newer one (read both again).
 */
export function racedWithWriter(lines: readonly JournalLine[], s: SerialLineage): boolean {
  let newer = false;
  for (const l of lines) {
    if (l.t !== 'checkpoint' || l.lineage !== s.lineage) continue;
    if (l.serial === s.serial) return false;
    if (l.serial > s.serial) newer = true;
  }
  return newer;
}

/**
 * Parses journal text. Lines are complete when newline-terminated; a damaged tail (a torn last line
 * or garbage after the last good line, from a kill or power loss mid-write: those events were never
 * acknowledged) is ignored and reported by `validBytes` (the length of the good prefix). A damaged
 * line followed by good ones is corruption: StateCorruptError.
 */
export function parseJournal(text: string, display: string): { lines: JournalLine[]; validBytes: number } {
  const lines: JournalLine[] = [];
  // What follows the last newline is never a complete line.
  const raws = text.split('\n').slice(0, -1);
  let bytePos = 0;
  let valid = 0;
  let badLine = 0;
  for (const [i, raw] of raws.entries()) {
    bytePos += Buffer.byteLength(raw, 'utf8') + 1;
    const parsed = parseLine(raw);
    if (parsed === undefined) {
      badLine ||= i + 1;
      continue;
    }
    if (badLine) {
      throw new StateCorruptError(
        `The journal "${display}" is damaged at line ${badLine}: the line is not a journal event, and later lines are. minitf has not changed it. Inspect the file; removing the damaged line lets minitf read the rest.`,
        display,
      );
    }
    if (parsed !== null) lines.push(parsed);
    valid = bytePos;
  }
  return { lines, validBytes: valid };
}

/** One line: the event, null for a blank line, undefined when damaged. */
function parseLine(raw: string): JournalLine | null | undefined {
  if (raw.trim() === '') return null;
  try {
    const v = JSON.parse(raw) as { t?: unknown };
    return v && typeof v === 'object' && typeof v.t === 'string' ? (v as JournalLine) : undefined;
  } catch {
    return undefined;
  }
}

/** The key an event is about: its address and deposed key (`object` events: the instance's). */
function objectKey(addr: string, deposed: string | undefined): string {
  return `${addr}\u0000${deposed ?? ''}`;
}

/**
 * The intents no later line resolves, in journal order. An `object`, `removed` or `failed` event for
 * the same address and deposed key resolves every earlier intent for it.
 */
export function pendingIntents(lines: readonly JournalLine[]): IntentEvent[] {
  const open = new Map<string, IntentEvent[]>();
  for (const l of lines) {
    if (l.t === 'intent') {
      const k = objectKey(l.addr, l.deposed);
      const list = open.get(k);
      if (list) list.push(l);
      else open.set(k, [l]);
    } else if (l.t === 'object') open.delete(objectKey(l.addr, l.instance.deposed));
    else if (l.t === 'removed' || l.t === 'failed') open.delete(objectKey(l.addr, l.deposed));
  }
  return lines.filter((l): l is IntentEvent => l.t === 'intent' && (open.get(objectKey(l.addr, l.deposed))?.includes(l) ?? false));
}

/**
 * The events a snapshot does not contain yet: those after the last checkpoint naming the snapshot's
 * lineage and serial, or every event when no checkpoint does (no snapshot yet, or one written by
 * another tool).
 */
export function eventsAfterSnapshot(lines: readonly JournalLine[], snap: SerialLineage | null): JournalEvent[] {
  const from = snap ? lastCheckpoint(lines, snap) + 1 : 0;
  return lines.slice(from).filter((l): l is JournalEvent => l.t !== 'checkpoint');
}
