import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileDurable, newStats } from './durable.js';

/** The name of the workspace every configuration starts in. */
export const DEFAULT_WORKSPACE = 'default';

/** Where the selected workspace is remembered, under the working directory. */
export const ENVIRONMENT_FILE = join('.minitf', 'environment');

/**
 * The current workspace: `TF_WORKSPACE` when set (then `overridden` is true), else the name stored in
 * `.minitf/environment`, else `default`.
 */
export function currentWorkspace(cwd: string, env: Readonly<Record<string, string | undefined>>): { readonly name: string; readonly overridden: boolean } {
  const fromEnv = env.TF_WORKSPACE;
  if (fromEnv) return { name: fromEnv, overridden: true };
  try {
    const name = readFileSync(join(cwd, ENVIRONMENT_FILE), 'utf8').trim();
    if (name) return { name, overridden: false };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  return { name: DEFAULT_WORKSPACE, overridden: false };
}

/** Remembers `name` as the selected workspace (`.minitf/environment`, replaced atomically). */
export async function selectWorkspace(cwd: string, name: string): Promise<void> {
  await writeFileDurable(join(cwd, ENVIRONMENT_FILE), name + '\n', newStats());
}

/**
 * Checks a workspace name as Terraform does (URL-safe, no path separators); returns Terraform's
 * message when it is not allowed, undefined when it is.
 */
export function checkWorkspaceName(name: string): string | undefined {
  if (/^[A-Za-z0-9_.~!$&'()*+:=@-]+$/.test(name) && name !== '.' && name !== '..') return undefined;
  return `The workspace name "${name}" is not allowed. The name must contain only URL safe characters, and no path separators.`;
}
