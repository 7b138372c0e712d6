import { JsonProgressView, PlainProgressView } from '../plans/progress.js';
import { TerminalProgressView, type Terminal } from '../plans/terminal-view.js';
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { hasErrors, renderDiagnostic, renderDiagnosticColor, type Diagnostic } from '../diag/index.js';
import { stderrIsClosed, stdoutIsClosed } from './signals.js';

/** Where a command writes: results to `out`, diagnostics and progress to `err` (Terraform's split). */
export interface Streams {
  out(text: string): void;
  err(text: string): void;
  /** Set when `out` is an interactive terminal (the live progress view draws on it). */
  readonly terminal?: Terminal;
  /** Set when `err` is an interactive terminal (diagnostics are coloured and framed there). */
  readonly errTerminal?: Terminal;
}

/** The process's own stdout/stderr; once a reader has gone away (EPIPE), that stream's output is dropped. */
export const processStreams: Streams = {
  out: (t) => void (stdoutIsClosed() || process.stdout.write(t)),
  err: (t) => void (stderrIsClosed() || process.stderr.write(t)),
  ...(process.stdout.isTTY ? { terminal: { columns: () => process.stdout.columns } } : {}),
  ...(process.stderr.isTTY ? { errTerminal: { columns: () => process.stderr.columns } } : {}),
};

/**
 * True when colour is turned off whatever the terminal: `-no-color` anywhere before `--` (global or
 * after the command, as Terraform accepts it), `NO_COLOR` set to anything but the empty string, or
 * `TERM=dumb`. Without a terminal there is no colour either (see {@link printDiagnostics}).
 */
export function colourDisabled(args: readonly string[], env: Readonly<Record<string, string | undefined>>): boolean {
  const end = args.indexOf('--');
  const flags = end < 0 ? args : args.slice(0, end);
  return flags.some((a) => a === '-no-color' || a === '--no-color') || Boolean(env.NO_COLOR) || env.TERM === 'dumb';
}

/**
 * The apply progress view for a command: the `-json` stream, the live terminal view when stdout is
 * an interactive terminal (not in CI, not `TF_IN_AUTOMATION`, not `TERM=dumb`, not
 * `MINITF_PROGRESS=plain`), else Terraform's plain lines.
 */
export function progressView(g: GlobalOptions, json: boolean): PlainProgressView | JsonProgressView {
  const out = (t: string) => g.streams.out(t);
  if (json) return new JsonProgressView(out);
  const term = liveTerminal(g);
  return term ? new TerminalProgressView(out, term) : new PlainProgressView(out);
}

/** The terminal to draw live progress on, when there is one and nothing asks for plain lines. */
export function liveTerminal(g: GlobalOptions): Terminal | undefined {
  const e = g.env;
  return e.CI || e.TF_IN_AUTOMATION || e.TERM === 'dumb' || e.MINITF_PROGRESS === 'plain' ? undefined : g.streams.terminal;
}

/** Global options shared by every command. */
export interface GlobalOptions {
  /** Working directory (after `-chdir`). */
  readonly cwd: string;
  /** Colour is turned off (see {@link colourDisabled}); even when false, only a terminal gets colour. */
  readonly noColor: boolean;
  /** Embedded emulator mode (`-emulator` or `MINITF_EMULATOR=1`). */
  readonly emulator: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly streams: Streams;
}

/**
 * Prints diagnostics to stderr in Terraform's human format, reading source lines from `cwd`: coloured
 * and framed (`╷ │ ╵`) at the terminal's width (a terminal of no width: unwrapped, as Terraform) when stderr is a terminal and colour is not turned
 * off, plain at 78 columns otherwise.
 */
export function printDiagnostics(g: GlobalOptions, diags: readonly Diagnostic[]): void {
  const cache = sourcesFor(g, diags);
  const term = diagnosticTerminal(g);
  for (const d of uniqueDiagnostics(diags)) g.streams.err(term ? renderDiagnosticColor(d, cache, Math.max(0, term.columns() || 0)) : renderDiagnostic(d, cache));
}

/**
 * How plan and apply text is drawn on stdout: coloured as Terraform when stdout is a terminal and
 * colour is not turned off, at the terminal's width when it has one (else Terraform's 78 columns).
 */
export function textStyle(g: Pick<GlobalOptions, 'noColor' | 'streams'>): { color: boolean; width?: number } {
  const term = g.streams.terminal;
  const cols = term ? term.columns() || 0 : 0;
  return { color: !g.noColor && term !== undefined, ...(cols > 0 ? { width: cols } : {}) };
}

/** The terminal diagnostics are coloured on: stderr's, unless colour is turned off. */
export function diagnosticTerminal(g: Pick<GlobalOptions, 'noColor' | 'streams'>): Terminal | undefined {
  return g.noColor ? undefined : g.streams.errTerminal;
}

/** Drops repeated diagnostics (same severity, summary, detail and place), keeping the first. */
export function uniqueDiagnostics(diags: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diags.filter((d) => {
    const k = `${d.severity}|${d.summary}|${d.detail ?? ''}|${d.subject?.file ?? ''}:${d.subject?.start.line ?? ''}|${d.address ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The source texts of the files diagnostics point at (for their code lines). */
export function sourcesFor(g: GlobalOptions, diags: readonly Diagnostic[]): Map<string, string> {
  const cache = new Map<string, string>();
  for (const d of diags) {
    const f = d.subject?.file;
    if (f && !cache.has(f)) {
      try {
        cache.set(f, readFileSync(isAbsolute(f) ? f : join(g.cwd, f), 'utf8'));
      } catch {
        /* source not available */
      }
    }
  }
  return cache;
}

/** Exit status for a command that reports `diags`: 1 when any is an error, else 0. */
export function exitFor(diags: readonly Diagnostic[]): number {
  return hasErrors(diags) ? 1 : 0;
}

/** `-json` UI lines (envelope, Terraform's key order) live with the other views in `plans/ui.ts`. */
export { uiLine, timestamp, diagnosticLine } from '../plans/ui.js';

/** Compact JSON with sorted keys and Go's `<>&` escapes. */
export function jsonLine(obj: unknown): string {
  return JSON.stringify(sortKeys(obj)).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}
