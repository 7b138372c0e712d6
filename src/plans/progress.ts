import { goDuration } from './text.js';
import { resourceAddrJSON, uiLine, type UiResource } from './ui.js';

/** Time source and timers; tests pass a fake one so no test sleeps. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** An operation on one object during apply (a replace is a create and a delete). */
export type ApplyOperation = 'create' | 'update' | 'delete' | 'read';

/** The object an event is about: its address parts, full address and deposed key if any. */
export interface ApplyTarget extends UiResource {
  readonly address: string;
  readonly deposed?: string;
}

/** Attributes of an object (prior or new state), used to show `[id=…]`. */
export type ObjectAttributes = Readonly<Record<string, unknown>> | null | undefined;

/** Progress a handler reports: an optional percentage and a short message. */
export interface HandlerProgress {
  readonly percent?: number;
  readonly message?: string;
}

/**
 * Receives apply and refresh events from the engine and shows them. Implementations are the plain
 * Terraform-style lines (`PlainProgressView`) and the `-json` stream (`JsonProgressView`). `close`
 * stops every timer; events after it are ignored.
 */
export interface ApplyListener {
  refreshStart(target: ApplyTarget, prior: ObjectAttributes): void;
  refreshComplete(target: ApplyTarget, state: ObjectAttributes): void;
  /** Planning an import (`Preparing import... [id=X]`). */
  planImport(target: ApplyTarget, id: string): void;
  importStart(target: ApplyTarget, id: string): void;
  /** The object is imported; `state` is what was recorded (its `id` is the one Terraform prints next). */
  importComplete(target: ApplyTarget, id: string, state?: ObjectAttributes): void;
  applyStart(target: ApplyTarget, op: ApplyOperation, prior: ObjectAttributes): void;
  applyProgress(target: ApplyTarget, progress: HandlerProgress): void;
  applyComplete(target: ApplyTarget, op: ApplyOperation, state: ObjectAttributes): void;
  applyErrored(target: ApplyTarget, op: ApplyOperation): void;
  close(): void;
}

/** `[key, value]` of the attribute that identifies an object: `id`, else `name`, else the `Name`/`name` tag. */
export function idOrName(attrs: ObjectAttributes): [string, string] | undefined {
  const id = objectId(attrs);
  if (id) return id;
  if (!attrs) return undefined;
  if (typeof attrs.name === 'string' && attrs.name !== '') return ['name', attrs.name];
  const tags = attrs.tags;
  if (tags && typeof tags === 'object') {
    for (const k of ['name', 'Name']) {
      const v = (tags as Record<string, unknown>)[k];
      if (typeof v === 'string' && v !== '') return [`tags.${k}`, v];
    }
  }
  return undefined;
}

/** `[\"id\", value]` when the object has a non-empty string `id`. */
export function objectId(attrs: ObjectAttributes): [string, string] | undefined {
  return attrs && typeof attrs.id === 'string' && attrs.id !== '' ? ['id', attrs.id] : undefined;
}

/** Shortens an ID longer than `max` characters in the middle with `...`, as Terraform's UI does. */
export function truncateId(id: string, max = 80): string {
  const chars = [...id];
  if (chars.length <= max) return id;
  const limit = Math.max(max, 5);
  const part = Math.floor(limit / 2);
  const left = chars.slice(0, part - 1);
  let rightIdx = chars.length - part - 1;
  const overlap = limit - (part * 2 + 3);
  if (overlap < 0) rightIdx -= overlap;
  return `${left.join('')}...${chars.slice(rightIdx).join('')}`;
}

const START = { create: 'Creating...', update: 'Modifying...', delete: 'Destroying...', read: 'Reading...' } as const;
const STILL = { create: 'Still creating...', update: 'Still modifying...', delete: 'Still destroying...', read: 'Still reading...' } as const;
const DONE = { create: 'Creation complete', update: 'Modifications complete', delete: 'Destruction complete', read: 'Read complete' } as const;
const NOUN = { create: 'Creation', update: 'Modifications', delete: 'Destruction', read: 'Refresh' } as const;
const JSON_START = { create: 'Creating...', update: 'Modifying...', delete: 'Destroying...', read: 'Refreshing...' } as const;
const JSON_STILL = { create: 'Still creating...', update: 'Still modifying...', delete: 'Still destroying...', read: 'Still refreshing...' } as const;

/** The period of `Still …` lines. */
export const PROGRESS_PERIOD_MS = 10_000;

interface Running {
  readonly target: ApplyTarget;
  readonly op: ApplyOperation;
  readonly start: number;
  readonly id?: [string, string];
  timer?: unknown;
  progress?: HandlerProgress;
}

const round = (ms: number) => Math.round(ms / 1000);
const keyOf = (t: ApplyTarget) => `${t.address}\u0000${t.deposed ?? ''}`;
const display = (t: ApplyTarget) => (t.deposed ? `${t.address} (deposed object ${t.deposed})` : t.address);

function progressExtras(p: HandlerProgress | undefined): string {
  if (!p) return '';
  const parts: string[] = [];
  if (p.percent !== undefined) parts.push(`${Math.round(p.percent)}%`);
  if (p.message) parts.push(p.message);
  return parts.length ? `, ${parts.join(', ')}` : '';
}

/** Shared bookkeeping: one timer per running operation, ticking every 10 seconds. */
abstract class TimedView implements ApplyListener {
  protected readonly running = new Map<string, Running>();
  private closed = false;

  constructor(protected readonly clock: Clock) {}

  protected abstract line(text: string): void;
  protected abstract onStart(r: Running): void;
  protected abstract onTick(r: Running, elapsed: number): void;
  protected abstract onComplete(r: Running, elapsed: number, state: ObjectAttributes): void;
  protected abstract onErrored(r: Running, elapsed: number): void;
  abstract refreshStart(target: ApplyTarget, prior: ObjectAttributes): void;
  abstract refreshComplete(target: ApplyTarget, state: ObjectAttributes): void;
  abstract planImport(target: ApplyTarget, id: string): void;
  abstract importStart(target: ApplyTarget, id: string): void;
  abstract importComplete(target: ApplyTarget, id: string): void;
  protected onProgress(_r: Running): void {}

  applyStart(target: ApplyTarget, op: ApplyOperation, prior: ObjectAttributes): void {
    if (this.closed) return;
    const id = op === 'create' ? undefined : idOrName(prior);
    const r: Running = { target, op, start: round(this.clock.now()), ...(id ? { id } : {}) };
    this.stop(keyOf(target));
    this.running.set(keyOf(target), r);
    this.onStart(r);
    this.schedule(r);
  }

  applyProgress(target: ApplyTarget, progress: HandlerProgress): void {
    const r = this.running.get(keyOf(target));
    if (!r || this.closed) return;
    r.progress = progress;
    this.onProgress(r);
  }

  applyComplete(target: ApplyTarget, _op: ApplyOperation, state: ObjectAttributes): void {
    const r = this.stop(keyOf(target));
    if (r && !this.closed) this.onComplete(r, round(this.clock.now()) - r.start, state);
  }

  applyErrored(target: ApplyTarget, _op: ApplyOperation): void {
    const r = this.stop(keyOf(target));
    if (r && !this.closed) this.onErrored(r, round(this.clock.now()) - r.start);
  }

  close(): void {
    this.closed = true;
    for (const k of [...this.running.keys()]) this.stop(k);
  }

  private schedule(r: Running): void {
    r.timer = this.clock.setTimeout(() => {
      if (this.running.get(keyOf(r.target)) !== r || this.closed) return;
      this.onTick(r, round(this.clock.now()) - r.start);
      this.schedule(r);
    }, PROGRESS_PERIOD_MS);
  }

  private stop(key: string): Running | undefined {
    const r = this.running.get(key);
    if (!r) return undefined;
    if (r.timer !== undefined) this.clock.clearTimeout(r.timer);
    this.running.delete(key);
    return r;
  }
}

/**
 * Terraform's plain progress lines (`ADDR: Creating...`, `ADDR: Still creating... [10s elapsed]`,
 * `ADDR: Creation complete after 2s [id=X]`), plus minitf's handler progress on the `Still` lines
 * (`[10s elapsed, 42%]`). Each line goes to `write` with its newline.
 */
export class PlainProgressView extends TimedView {
  constructor(private readonly write: (text: string) => void, clock: Clock = systemClock) {
    super(clock);
  }

  protected line(text: string): void {
    this.write(`${text}\n`);
  }

  protected onStart(r: Running): void {
    this.line(`${display(r.target)}: ${START[r.op]}${r.id ? ` [${r.id[0]}=${r.id[1]}]` : ''}`);
  }

  protected onTick(r: Running, elapsed: number): void {
    const id = r.id ? `${r.id[0]}=${truncateId(r.id[1])}, ` : '';
    this.line(`${r.target.address}: ${STILL[r.op]} [${id}${goDuration(elapsed)} elapsed${progressExtras(r.progress)}]`);
  }

  protected onComplete(r: Running, elapsed: number, state: ObjectAttributes): void {
    const id = objectId(state);
    this.line(`${r.target.address}: ${DONE[r.op]} after ${goDuration(elapsed)}${id ? ` [${id[0]}=${id[1]}]` : ''}`);
  }

  protected onErrored(): void {
    // Terraform prints no line for a failed operation; the diagnostics follow at the end.
  }

  refreshStart(target: ApplyTarget, prior: ObjectAttributes): void {
    const id = objectId(prior);
    this.line(`${display(target)}: Refreshing state...${id ? ` [${id[0]}=${id[1]}]` : ''}`);
  }

  refreshComplete(): void {}

  planImport(target: ApplyTarget, id: string): void {
    this.line(`${target.address}: Preparing import... [id=${id}]`);
  }

  importStart(target: ApplyTarget, id: string): void {
    this.line(`${target.address}: Importing... [id=${id}]`);
  }

  importComplete(target: ApplyTarget, id: string): void {
    this.line(`${target.address}: Import complete [id=${id}]`);
  }
}

/**
 * The `-json` UI stream of apply: `apply_start`, `apply_progress` (every 10 s, and — beyond
 * Terraform — whenever a handler reports progress, with `percent`/`message` in the hook),
 * `apply_complete`, `apply_errored`, `refresh_start`/`refresh_complete`.
 */
export class JsonProgressView extends TimedView {
  constructor(private readonly write: (text: string) => void, clock: Clock = systemClock) {
    super(clock);
  }

  protected line(text: string): void {
    this.write(text);
  }

  private emit(message: string, type: string, hook: Record<string, unknown>): void {
    this.write(uiLine('info', message, type, { hook }, new Date(this.clock.now())));
  }

  protected onStart(r: Running): void {
    const id = r.id ? ` [${r.id[0]}=${r.id[1]}]` : '';
    this.emit(`${r.target.address}: ${JSON_START[r.op]}${id}`, 'apply_start', {
      resource: resourceAddrJSON(r.target),
      action: r.op,
      id_key: r.id?.[0],
      id_value: r.id?.[1],
    });
  }

  protected onTick(r: Running, elapsed: number): void {
    this.progressLine(r, elapsed);
  }

  protected override onProgress(r: Running): void {
    this.progressLine(r, round(this.clock.now()) - r.start);
  }

  private progressLine(r: Running, elapsed: number): void {
    this.emit(`${r.target.address}: ${JSON_STILL[r.op]} [${goDuration(elapsed)} elapsed${progressExtras(r.progress)}]`, 'apply_progress', {
      resource: resourceAddrJSON(r.target),
      action: r.op,
      elapsed_seconds: elapsed,
      percent: r.progress?.percent,
      message: r.progress?.message,
    });
  }

  protected onComplete(r: Running, elapsed: number, state: ObjectAttributes): void {
    const id = objectId(state);
    this.emit(`${r.target.address}: ${NOUN[r.op]} complete after ${goDuration(elapsed)}${id ? ` [${id[0]}=${id[1]}]` : ''}`, 'apply_complete', {
      resource: resourceAddrJSON(r.target),
      action: r.op,
      id_key: id?.[0],
      id_value: id?.[1],
      elapsed_seconds: elapsed,
    });
  }

  protected onErrored(r: Running, elapsed: number): void {
    this.emit(`${r.target.address}: ${NOUN[r.op]} errored after ${goDuration(elapsed)}`, 'apply_errored', {
      resource: resourceAddrJSON(r.target),
      action: r.op,
      elapsed_seconds: elapsed,
    });
  }

  refreshStart(target: ApplyTarget, prior: ObjectAttributes): void {
    const id = objectId(prior);
    this.emit(`${target.address}: Refreshing state...${id ? ` [${id[0]}=${id[1]}]` : ''}`, 'refresh_start', { resource: resourceAddrJSON(target), id_key: id?.[0], id_value: id?.[1] });
  }

  refreshComplete(target: ApplyTarget, state: ObjectAttributes): void {
    const id = objectId(state);
    this.emit(`${target.address}: Refresh complete${id ? ` [${id[0]}=${id[1]}]` : ''}`, 'refresh_complete', { resource: resourceAddrJSON(target), id_key: id?.[0], id_value: id?.[1] });
  }

  planImport(): void {}

  importStart(): void {}

  importComplete(): void {}
}
