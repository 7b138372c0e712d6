/**
 * Terraform's colour codes for the human plan and apply text on a terminal (its `[green]`, `[bold]`…
 * markup turned into escape sequences, each followed by the resets Terraform prints). Renderers take
 * a `color` option, default off: machine-readable output, saved texts and the plan review stay plain.
 */
import { actionSymbol } from './diff/render.js';

type SymbolAction = Parameters<typeof actionSymbol>[0];

const RESET = '\x1b[0m';
const CODE: Record<string, string> = { '+': '\x1b[32m', '~': '\x1b[33m', '-': '\x1b[31m', '<': '\x1b[36m', '=': '\x1b[36m' };

/** The action symbol with each sign coloured (`+` green, `~` yellow, `-` red, `<=` cyan), as Terraform. */
export function colouredSymbol(action: SymbolAction): string {
  const s = actionSymbol(action);
  if (action === 'read') return ` ${CODE['<']}<=${RESET}`;
  return s.replace(/[+~-]/g, (c) => `${CODE[c]}${c}${RESET}`);
}

export const bold = (s: string): string => `\x1b[1m${s}${RESET}`;
export const boldRed = (s: string): string => `\x1b[1m\x1b[31m${s}${RESET}`;
export const yellowArrow = ` \x1b[33m->${RESET}${RESET} `;
export const greyNull = ` \x1b[90m-> null${RESET}${RESET}`;
export { RESET };
