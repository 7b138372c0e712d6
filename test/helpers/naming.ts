/**
 * The documented normalisation between Terraform's captured text and minitf's: in prose minitf names
 * itself where Terraform does (`Terraform will perform…` → `minitf will perform…`, `"terraform
 * apply"` → `"minitf apply"`), as OpenTofu does for itself; machine-readable names (`terraform_data`,
 * `terraform.tfstate`, `terraform { … }`, `-json` field names) are untouched. A paragraph (lines that
 * start like a sentence, up to a blank or indented line) whose text changed is word-wrapped again at the limit
 * Terraform wrapped it at (77 columns: 78-column output), so the expectation is what Terraform would
 * print were it called minitf. Attribute values are data and keep their words. Goldens stay as Terraform printed them; tests compare through this.
 */
export function asMinitf(terraformText: string): string {
  const lines = terraformText.split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (VALUE.test(line)) {
      out.push(line);
      i++;
      continue;
    }
    if (!PROSE.test(line)) {
      out.push(rename(line));
      i++;
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && PROSE.test(lines[i]!)) para.push(lines[i++]!);
    const renamed = para.map(rename);
    if (renamed.every((l, k) => l === para[k]) || !isWrappedProse(para)) {
      out.push(...renamed);
      continue;
    }
    out.push(...wrapAt(rename(para.join(' ')), wrapLimit(para)));
  }
  return out.join('\n');
}

/** An attribute line of a resource or output body (`+ description = "Managed by Terraform"`): data, kept. */
const VALUE = /^\s*[-+~]?\s*[\w"[\].-]+\s+=\s/;

/** A line that can belong to a paragraph: it starts like a sentence (not indented, not `+/-`, `─`, `#`…). */
const PROSE = /^[A-Za-z"'(`]/;

const COMMANDS = 'apply|plan|refresh|state|console|init|import|show|output|destroy|validate|workspace|taint|untaint|force-unlock|graph|providers|get';

/** One line (or unwrapped text, such as a diagnostic's detail) with Terraform's self-references renamed (also right after a colour code). */
export function rename(line: string): string {
  return line.replace(/(?:(?<=\x1b\[[\d;]*m)|\b)Terraform\b/g, 'minitf').replace(new RegExp(`\\bterraform (${COMMANDS})\\b`, 'g'), 'minitf $1');
}

/** True when the lines read as one word-wrapped paragraph (every break is where the next word would not fit). */
function isWrappedProse(para: readonly string[]): boolean {
  if (para.length === 1) return true;
  const limit = wrapLimit(para);
  return para.every((l, k) => l.length <= limit && (k === para.length - 1 || l.length + 1 + para[k + 1]!.split(' ')[0]!.length > limit));
}

/** The wrap limit the paragraph was made with: 77 when consistent with its breaks, else its longest line. */
function wrapLimit(para: readonly string[]): number {
  const longest = Math.max(...para.map((l) => l.length));
  return longest <= 77 ? 77 : longest;
}

function wrapAt(text: string, limit: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > limit) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines;
}
