/**
 * Rewrites Terraform-style arguments into the GNU style commander parses: `-chdir=DIR` → `--chdir=DIR`,
 * `-json` → `--json`, `-var k=v` → `--var k=v`. Single-letter flags (`-h`) and values are left alone;
 * everything after `--` is passed through unchanged.
 */
export function normaliseArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  let passthrough = false;
  for (const a of args) {
    if (passthrough || a === '--') {
      passthrough = true;
      out.push(a);
      continue;
    }
    if (/^-[A-Za-z][A-Za-z0-9-]+(=.*)?$/s.test(a)) out.push(`-${a}`);
    else out.push(a);
  }
  return out;
}

/** Parses Terraform's boolean flag values (`-refresh=false`); absent value means true. */
export function parseBool(v: string | boolean | undefined, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  if (typeof v === 'boolean') return v;
  const s = v.toLowerCase();
  if (s === 'true' || s === '1' || s === '') return true;
  if (s === 'false' || s === '0') return false;
  throw new Error(`invalid boolean value "${v}"`);
}

/** Collects a repeatable option into an array (commander helper). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
