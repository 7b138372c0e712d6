import { escapeHtml } from './escape.js';
import { ACTION_LABELS, REVIEW_ACTIONS, type Review, type ReviewAction, type ReviewChange } from './model.js';

/** GitHub's limit on the body of an issue or pull-request comment, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Options of {@link renderMarkdown}. */
export interface MarkdownOptions {
  /** Maximum length of the comment in characters (default {@link GITHUB_COMMENT_LIMIT}). */
  readonly limit?: number;
  /** The plan file's name, for the "see all of it" hint when diffs are cut. */
  readonly planFile?: string;
}

/** Addresses listed per row of the table before "and N more". */
const TABLE_NAMES = 5;

/** A fence longer than any run of backticks in the text (CommonMark), at least three. */
function fence(text: string): string {
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** A Markdown code span that holds any text; in a table cell, pipes are escaped (GFM). */
function code(text: string, inTable = false): string {
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const d = '`'.repeat(longest + 1);
  const pad = longest > 0 ? ' ' : '';
  return `${d}${pad}${inTable ? text.replace(/\|/g, '\\|') : text}${pad}${d}`;
}

function fenced(text: string): string {
  const f = fence(text);
  return `${f}\n${text.replace(/\n+$/, '')}\n${f}`;
}

function inAction(c: ReviewChange, a: ReviewAction): boolean {
  return c.action === a || (a === 'move' && c.moved) || (a === 'import' && c.importing);
}

function table(review: Review): string {
  const rows = ['| | Action | Count | Resources |', '|---|---|---:|---|'];
  for (const a of REVIEW_ACTIONS) {
    const n = review.summary.counts[a];
    if (n === 0) continue;
    const names = review.changes.filter((c) => inAction(c, a)).map((c) => c.address);
    const listed = names.slice(0, TABLE_NAMES).map((n) => code(n, true)).join(', ') + (names.length > TABLE_NAMES ? `, and ${names.length - TABLE_NAMES} more` : '');
    rows.push(`| ${code(ACTION_LABELS[a].symbol, true)} | ${ACTION_LABELS[a].label} | ${n} | ${listed} |`);
  }
  return rows.length > 2 ? rows.join('\n') : '';
}

/** `<code>+</code> <code>ADDR</code> will be created`: the change's comment line with the address as code. */
function changeSummary(c: ReviewChange): string {
  const at = c.title.lastIndexOf(c.address);
  const title = at < 0 ? escapeHtml(c.title) : `${escapeHtml(c.title.slice(0, at))}<code>${escapeHtml(c.address)}</code>${escapeHtml(c.title.slice(at + c.address.length))}`;
  return `<code>${escapeHtml(c.symbol || ACTION_LABELS[c.action].symbol)}</code> ${title}`;
}

function details(summaryHtml: string, body: string): string {
  return `<details><summary>${summaryHtml}</summary>\n\n${fenced(body)}\n\n</details>`;
}

/**
 * Renders a plan review as a pull-request comment: a summary line, a table of the changes by action,
 * one collapsed `<details>` per resource with its terminal diff in a fenced block, the output changes
 * and the diagnostics. When the whole text would exceed `limit` characters, the resource diffs that do
 * not fit are left out from the end and a note names them (as many as fit) and how many were cut; the
 * result is never longer than `limit` unless the summary, table, outputs and diagnostics alone are.
 */
export function renderMarkdown(review: Review, opts: MarkdownOptions = {}): string {
  const limit = opts.limit ?? GITHUB_COMMENT_LIMIT;
  const head: string[] = [`### ${review.summary.line}`];
  if (review.errored) head.push('> [!CAUTION]\n> Planning failed: this plan is incomplete and cannot be applied.');
  if (review.mode !== 'normal') head.push(`This is a ${review.mode} plan.`);
  const t = table(review);
  if (t) head.push(t);
  const tail: string[] = [];
  if (review.drift.length) tail.push(details(`Objects changed outside minitf (${review.drift.length})`, review.drift.map((d) => d.text).join('\n\n')));
  if (review.outputs) tail.push(details('Changes to Outputs', review.outputs));
  const warnings = review.diagnostics.filter((d) => d.severity === 'warning').length;
  const errors = review.diagnostics.length - warnings;
  if (review.diagnostics.length > 0) {
    const what = [errors ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ');
    tail.push(details(`Diagnostics (${what})`, review.diagnostics.map((d) => d.text).join('\n\n')));
  }
  const blocks = review.changes.map((c) => details(changeSummary(c), c.text));
  const join = (parts: readonly string[]) => parts.join('\n\n') + '\n';
  const full = join([...head, ...blocks, ...tail]);
  if (full.length <= limit) return full;

  // Keep the head and tail, then as many resource blocks as fit beside the longest note they could need.
  const fixed = join([...head, ...tail]).length + 2;
  const reserve = Math.min(4_000, Math.floor(limit / 4));
  let used = fixed + reserve;
  let kept = 0;
  while (kept < blocks.length && used + blocks[kept]!.length + 2 <= limit) used += blocks[kept++]!.length + 2;
  const cut = review.changes.slice(kept).map((c) => c.address);
  const note = cutNote(cut, review.changes.length, limit, reserve, opts.planFile);
  return join([...head, ...blocks.slice(0, kept), note, ...tail]);
}

function cutNote(cut: readonly string[], total: number, limit: number, budget: number, planFile: string | undefined): string {
  const see = `Run \`minitf show ${planFile ?? 'PLANFILE'}\` to see every diff.`;
  const start = `> [!NOTE]\n> The diffs of ${cut.length} of ${total} resources were left out to keep this comment within GitHub's ${limit.toLocaleString('en-US')}-character limit. ${see}\n> Left out: `;
  let names = '';
  let listed = 0;
  for (const a of cut) {
    const next = (listed ? ', ' : '') + code(a);
    if (start.length + names.length + next.length + 40 > budget) break;
    names += next;
    listed++;
  }
  const more = listed < cut.length ? `${listed ? ', and ' : ''}${cut.length - listed} more` : '';
  return `${start}${names}${more}.`;
}
