import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Where the browser tests find Chromium: `MINITF_CHROMIUM`, else Debian's `chromium` package. */
export const CHROMIUM = process.env.MINITF_CHROMIUM ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, or undefined when they can. */
export function noBrowser(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  return `no Chromium at ${CHROMIUM}: install Debian's "chromium" package (.ci/run does when it can) or set MINITF_CHROMIUM to a Chromium binary`;
}

/** Starts headless Chromium through playwright-core (no downloaded browser). */
export async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  // Chromium refuses its sandbox to root (CI containers): run without it there.
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: root ? ['--no-sandbox'] : [] });
}
