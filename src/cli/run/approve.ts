import { createInterface } from 'node:readline';

/**
 * Asks Terraform's approval question on stdout and reads one line from stdin. Resolves the answer, or
 * undefined when stdin is closed (Terraform: `Error: error asking for approval: EOF`).
 */
export async function askApproval(out: (s: string) => void, query: string, description: string[]): Promise<string | undefined> {
  out(`\n${query}\n${description.map((d) => `  ${d}`).join('\n')}\n\n  Enter a value: `);
  const rl = createInterface({ input: process.stdin, terminal: false });
  try {
    const line = await new Promise<string | undefined>((resolve) => {
      rl.once('line', (l) => resolve(l));
      rl.once('close', () => resolve(undefined));
    });
    out('\n');
    return line?.trim();
  } finally {
    rl.close();
  }
}
