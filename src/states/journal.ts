import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StateCorruptError, type IntentEvent, type JournalEvent } from './backend.js';
import { fsyncDir, writeFileDurable, type WriteStats } from './durable.js';

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

/** One line of the journal file. */
export type JournalLine = JournalEvent | CheckpointLine;

interface Waiter {
  readonly text: string;
  resolve(): void;
  reject(e: unknown): void;
}

/**
 * The append-only journal file (`PATH.journal`), one JSON line per event. Appends are
 * group-committed: every line queued while a write+fsync is running goes into the next single
 * write+fsync, so N parallel operations cost about two fsyncs, not N. File operations (appends,
 * compaction, close) run one at a time, in the order they were requested.
 */
export class Journal {
  readonly path: string;
  readonly #display: string;
  readonly #stats: WriteStats;
  #queue: Waiter[] = [];
  #scheduled = false;
  #chain: Promise<void> = Promise.resolve();
  #fh: FileHandle | undefined;
  #size = 0;

  constructor(path: string, opts: { readonly display: string; readonly stats: WriteStats }) {
    this.path = path;
    this.#display = opts.display;
    this.#stats = opts.stats;
  }

  /** Appends lines; resolves once they (and everything queued before them) are written and fsync'd. */
  append(lines: readonly JournalLine[]): Promise<void> {
    if (!lines.length) return this.#enqueue(async () => undefined);
    const text = lines.map((l) => JSON.stringify(l) + '\n').join('');
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ text, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        void this.#enqueue(() => this.#flush());
      }
    });
  }

  /** Reads and parses the journal (empty when there is none). A torn last line is ignored. */
  async read(): Promise<JournalLine[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    return parseJournal(text, this.#display).lines;
  }

  /**
   * Rewrites the journal once the snapshot of checkpoint `id` is on disk, keeping what a restore of
   * the previous snapshot (the backup, identified by `previous`) would need: the intents no event
   * resolved before that snapshot's checkpoint, then every line from that checkpoint on (or from
   * checkpoint `id` when the journal has no checkpoint of `previous`). Atomic (temp + rename). Each
   * event is rewritten at most once over its life, so the journal costs O(events) bytes in total.
   */
  compact(id: string, previous?: { readonly serial: number; readonly lineage: string }): Promise<void> {
    return this.#enqueue(async () => {
      const lines = await this.read();
      const at = lines.findIndex((l) => l.t === 'checkpoint' && l.id === id);
      if (at < 0) return;
      let from = at;
      if (previous) {
        for (let i = at - 1; i >= 0; i--) {
          const l = lines[i]!;
          if (l.t === 'checkpoint' && l.serial === previous.serial && l.lineage === previous.lineage) {
            from = i;
            break;
          }
        }
      }
      if (from === 0) return;
      const kept = [...pendingIntents(lines.slice(0, from)), ...lines.slice(from)];
      await this.#closeHandle();
      await writeFileDurable(this.path, kept.map((l) => JSON.stringify(l) + '\n').join(''), this.#stats);
    });
  }

  /** Waits for queued appends and closes the file. */
  close(): Promise<void> {
    return this.#enqueue(() => this.#closeHandle());
  }

  #enqueue(op: () => Promise<void>): Promise<void> {
    const p = this.#chain.then(op);
    this.#chain = p.catch(() => undefined);
    return p;
  }

  async #flush(): Promise<void> {
    this.#scheduled = false;
    const batch = this.#queue;
    this.#queue = [];
    if (!batch.length) return;
    const buf = Buffer.from(batch.map((w) => w.text).join(''), 'utf8');
    try {
      const fh = await this.#handle();
      await fh.writeFile(buf);
      await fh.sync();
      this.#size += buf.length;
      this.#stats.fsyncs++;
      this.#stats.bytes += buf.length;
    } catch (e) {
      // Never leave a partial line that later lines would follow.
      await this.#fh?.truncate(this.#size).catch(() => undefined);
      for (const w of batch) w.reject(e);
      return;
    }
    for (const w of batch) w.resolve();
  }

  /** Opens the journal for appending, first cutting a torn tail left by a killed writer. */
  async #handle(): Promise<FileHandle> {
    if (this.#fh) return this.#fh;
    await mkdir(dirname(this.path), { recursive: true });
    let text: string | undefined;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const fh = await open(this.path, 'a');
    if (text === undefined) await fsyncDir(dirname(this.path), this.#stats);
    const valid = text === undefined ? 0 : parseJournal(text, this.#display).validBytes;
    const size = text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
    if (valid < size) {
      await fh.truncate(valid);
      await fh.sync();
      this.#stats.fsyncs++;
    }
    this.#fh = fh;
    this.#size = valid;
    return fh;
  }

  async #closeHandle(): Promise<void> {
    const fh = this.#fh;
    this.#fh = undefined;
    await fh?.close();
  }
}

/**
 * Parses journal text. Lines are complete when newline-terminated; a damaged tail (a torn last line
 * or garbage after the last good line, from a kill or power loss mid-write: those events were never
 * acknowledged) is ignored and reported by `validBytes` (the length of the good prefix). A damaged
 * line followed by good ones is corruption: StateCorruptError.
 */
export function parseJournal(text: string, display: string): { lines: JournalLine[]; validBytes: number } {
  const lines: JournalLine[] = [];
  let pos = 0;
  let bytePos = 0;
  let valid = 0;
  let badLine = 0;
  let lineNo = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) break;
    lineNo++;
    const raw = text.slice(pos, nl);
    pos = nl + 1;
    bytePos += Buffer.byteLength(raw, 'utf8') + 1;
    const parsed = parseLine(raw);
    if (parsed === undefined) {
      if (!badLine) badLine = lineNo;
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
export function eventsAfterSnapshot(lines: readonly JournalLine[], snap: { readonly serial: number; readonly lineage: string } | null): JournalEvent[] {
  let from = 0;
  if (snap) {
    for (let i = lines.length - 1; i >= 0; i--) {
      const l = lines[i]!;
      if (l.t === 'checkpoint' && l.serial === snap.serial && l.lineage === snap.lineage) {
        from = i + 1;
        break;
      }
    }
  }
  return lines.slice(from).filter((l): l is JournalEvent => l.t !== 'checkpoint');
}
