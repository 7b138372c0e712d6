/**
 * The command-line interface: a thin client of `core`. `main.ts` normalises Terraform's single-dash
 * flag spellings and dispatches to one file per command under `commands/`; `io.ts` holds the output
 * streams and diagnostic printing. The work itself happens in `core` (plan, apply) and the other
 * library folders.
 */
export { main } from './main.js';
