import { createInterface } from 'node:readline';

/** How an approval question ended: a line typed, stdin closed (EOF), or an interrupt (Ctrl-C). */
export type ApprovalAnswer = { readonly kind: 'answer'; readonly text: string } | { readonly kind: 'eof' } | { readonly kind: 'interrupted' };

/**
 * Asks Terraform's approval question on stdout and reads one line from stdin. Resolves the trimmed
 * answer; `eof` when stdin is closed (Terraform: `Error: error asking for approval: EOF`);
 * `interrupted` as soon as `interrupt` aborts (Ctrl-C at the prompt: `… interrupted`), without
 * waiting for a line. Either way stdin is released, so the process can exit. `colour`: the question
 * and prompt in bold, as Terraform on a colour terminal.
 */
export async function askApproval(out: (s: string) => void, query: string, description: string[], interrupt?: AbortSignal, colour = false): Promise<ApprovalAnswer> {
  const lines = description.map((d) => `  ${d}`).join('\n');
  // On a colour terminal, Terraform's bold question and prompt (its escape sequences exactly).
  return readAnswer(out, colour ? `\x1b[1m\n${query}\x1b[0m\n${lines}\n\n  \x1b[1mEnter a value:\x1b[0m \x1b[0m` : `\n${query}\n${lines}\n\n  Enter a value: `, interrupt);
}

/**
 * Prints `prompt` on stdout and reads one line from stdin, as {@link askApproval} does for its
 * question (for prompts worded otherwise: `state replace-provider`'s). A newline follows a line or
 * EOF unless `newline` is false (Terraform's state commands print none).
 */
export async function readAnswer(out: (s: string) => void, prompt: string, interrupt?: AbortSignal, newline = true): Promise<ApprovalAnswer> {
  out(prompt);
  if (interrupt?.aborted) return { kind: 'interrupted' };
  const rl = createInterface({ input: process.stdin, terminal: false });
  let onAbort: (() => void) | undefined;
  try {
    const answer = await new Promise<ApprovalAnswer>((resolve) => {
      rl.once('line', (l) => resolve({ kind: 'answer', text: l.trim() }));
      rl.once('close', () => resolve({ kind: 'eof' }));
      onAbort = () => resolve({ kind: 'interrupted' });
      interrupt?.addEventListener('abort', onAbort, { once: true });
    });
    if (answer.kind !== 'interrupted' && newline) out('\n');
    return answer;
  } finally {
    if (onAbort) interrupt?.removeEventListener('abort', onAbort);
    rl.close();
    process.stdin.pause();
  }
}
