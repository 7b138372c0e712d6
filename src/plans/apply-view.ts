import type { StateOutput } from '../states/model.js';
import { formatOutputLines } from './hcl.js';
import type { ChangeSummary } from './model.js';
import { wordWrap } from './text.js';
import { applyOutputsLine, changeSummaryLine, logLine, summaryText } from './ui.js';

/**
 * The text after a successful apply: a blank line and `Apply complete! Resources: …` (or
 * `Destroy complete! Resources: N destroyed.` for `minitf destroy`), then `Outputs:` with every root
 * output as `name = value` (sorted, sensitive ones as `<sensitive>`), when there are any.
 */
export function renderApplyFinish(summary: ChangeSummary, outputs: Readonly<Record<string, StateOutput>>, destroy = false, color = false): string {
  const text = summaryText(summary, destroy ? 'destroy' : 'apply');
  // On a terminal Terraform prints it bold green, the codes around the blank line before it.
  let s = color ? `\x1b[0m\x1b[1m\x1b[32m\n${text}\n\x1b[0m` : `\n${text}\n`;
  if (Object.keys(outputs).length > 0) s += `\nOutputs:\n\n${formatOutputLines(outputs)}`;
  return s;
}

/** The `-json` lines after a successful apply: `change_summary` and `outputs`. */
export function applyFinishLines(summary: ChangeSummary, outputs: Readonly<Record<string, StateOutput>>, destroy = false, now?: Date): string {
  return changeSummaryLine(summary, destroy ? 'destroy' : 'apply', now) + applyOutputsLine(outputs, now);
}

const INTERRUPTED = '\nInterrupt received.\nPlease wait for minitf to exit or data loss may occur.\nGracefully shutting down...\n';
const FATAL = '\nTwo interrupts received. Exiting immediately. Note that data loss may have occurred.\n';

/** What to print (stdout) on the first interrupt: Terraform's notice, then `Stopping operation...`. */
export function renderInterrupted(width = 78): string {
  return `${wordWrap(INTERRUPTED, width)}\nStopping operation...\n`;
}

/**
 * What to print (stdout) on an interrupt at the approval prompt, as Terraform: the prompt's line
 * ends, then the notice; nothing was started, so nothing is stopping.
 */
export function renderInterruptedAtPrompt(width = 78): string {
  return `\n${wordWrap(INTERRUPTED, width)}\n`;
}

/** What to print (stderr) on a second interrupt. */
export function renderFatalInterrupt(width = 78): string {
  return `${wordWrap(FATAL, width)}\n`;
}

/** The first interrupt as `-json` `log` lines. */
export function interruptedLines(now?: Date): string {
  return logLine(INTERRUPTED, 'info', now) + logLine('Stopping operation...', 'info', now);
}

/** The second interrupt as a `-json` `log` line. */
export function fatalInterruptLine(now?: Date): string {
  return logLine(FATAL, 'error', now);
}
