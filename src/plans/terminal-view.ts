import { goDuration } from './text.js';
import { PlainProgressView, systemClock, type Clock } from './progress.js';

/** A terminal to draw on: its width in columns (read on every repaint, so resizes are followed). */
export interface Terminal {
  columns(): number | undefined;
}

/** How often the live status is redrawn. */
export const REPAINT_MS = 1000;
/** At most this many running operations are listed; the rest are counted. */
export const MAX_LIVE_ROWS = 8;

const VERB = { create: 'creating', update: 'modifying', delete: 'destroying', read: 'reading' } as const;
const SPIN = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * The apply progress for a terminal: Terraform's lines scroll as in the plain view (`Creating...`,
 * `Creation complete after 3s [id=…]`), and below them a live status block lists what is running
 * now — elapsed time and the handler's percentage and message (an image copy's) — redrawn every
 * second in place. The periodic `Still creating...` lines are left out: the block says the same,
 * every second. Each block row is cut to the terminal's width so redrawing never miscounts lines;
 * `close` erases the block, so what stays on screen is exactly the plain view's lines.
 */
export class TerminalProgressView extends PlainProgressView {
  private drawn = 0;
  private frame = 0;
  private timer: unknown;
  private done = false;

  constructor(
    private readonly out: (text: string) => void,
    private readonly term: Terminal,
    private readonly liveClock: Clock = systemClock,
  ) {
    super(out, liveClock);
  }

  protected override line(text: string): void {
    this.print(`${text}\n`);
  }

  /** Writes permanent lines above the block, then redraws the block. */
  private print(text: string): void {
    if (this.done) return this.out(text);
    this.out(this.erase() + text + this.block());
    this.arm();
  }

  protected override onTick(): void {
    // Superseded by the live block.
  }

  protected override onProgress(): void {
    this.repaint();
  }

  protected override onErrored(): void {
    this.repaint();
  }

  override close(): void {
    super.close();
    if (this.done) return;
    this.done = true;
    if (this.timer !== undefined) this.liveClock.clearTimeout(this.timer);
    this.timer = undefined;
    const e = this.erase();
    if (e) this.out(e);
  }

  private repaint(): void {
    if (this.done) return;
    const text = this.erase() + this.block();
    if (text) this.out(text);
    if (this.running.size === 0 && this.timer !== undefined) {
      this.liveClock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.arm();
  }

  private arm(): void {
    if (this.timer !== undefined || this.done || this.running.size === 0) return;
    this.timer = this.liveClock.setTimeout(() => {
      this.timer = undefined;
      this.frame++;
      this.repaint();
    }, REPAINT_MS);
  }

  /** Escape codes that move to the block's first line and clear to the end of the screen. */
  private erase(): string {
    if (!this.drawn) return '';
    const n = this.drawn;
    this.drawn = 0;
    return `\x1b[${n}F\x1b[J`;
  }

  /** The block's text (ending in a newline), remembering how many lines it takes. */
  private block(): string {
    if (this.running.size === 0) return '';
    const width = Math.max(20, (this.term.columns() || 80) - 1);
    const now = Math.round(this.liveClock.now() / 1000);
    const rows = [...this.running.values()].sort((a, b) => a.start - b.start || a.target.address.localeCompare(b.target.address));
    const shown = rows.slice(0, MAX_LIVE_ROWS).map((r) => {
      const p = r.progress;
      const extra = [p?.percent !== undefined ? `${Math.round(p.percent)}%` : '', p?.message ?? ''].filter(Boolean).join(', ');
      return `  ${SPIN[this.frame % SPIN.length]} ${r.target.address}: ${VERB[r.op]} ${goDuration(Math.max(0, now - r.start))}${extra ? ` (${extra})` : ''}`;
    });
    if (rows.length > MAX_LIVE_ROWS) shown.push(`  … and ${rows.length - MAX_LIVE_ROWS} more in progress`);
    const lines = shown.map((l) => cut(l, width));
    this.drawn = lines.length;
    return lines.join('\n') + '\n';
  }
}

/** Cuts a line to `width` characters (code points), ending in `…` when cut. */
function cut(line: string, width: number): string {
  const chars = [...line];
  return chars.length <= width ? line : chars.slice(0, width - 1).join('') + '…';
}
