import { main } from '../../src/cli/main.js';

/** Runs the CLI in-process with captured output. */
export async function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { out: (t) => void (stdout += t), err: (t) => void (stderr += t) }, { ...process.env, ...env });
  return { code, stdout, stderr };
}
