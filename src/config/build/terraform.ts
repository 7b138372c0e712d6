import type { SourceRange } from '../../diag/index.js';
import type { TerraformBlock } from '../model.js';
import { toPlain, type Loc, type PObject } from '../source/pnode.js';
import { requiredProviders } from './blocks.js';
import type { FileContext } from './context.js';

/** The `terraform` settings of a module while its files are read. */
export interface TerraformParts {
  requiredVersion?: string;
  requiredProviders: Record<string, { source?: string; version?: string; range?: SourceRange }>;
  backend?: TerraformBlock['backend'];
}

/** One `backend "type" { … }` block found in a `terraform` block. */
export interface FoundBackend {
  readonly backend: NonNullable<TerraformBlock['backend']>;
  readonly loc: Loc;
}

/**
 * Reads one `terraform { … }` block: `required_version` and `required_providers` go into `into`
 * (later entries replace earlier ones per provider name); the backends found are returned for the
 * caller to place, since primary and override files combine them differently.
 */
export function readTerraformBlock(ctx: FileContext, body: PObject, into: TerraformParts): FoundBackend[] {
  const found: FoundBackend[] = [];
  for (const e of ctx.entries(body, 'terraform')) {
    if (e.key === 'required_version') {
      const s = ctx.string(e.value, 'required_version', 'terraform');
      if (s !== undefined) into.requiredVersion = s;
    } else if (e.key === 'required_providers') requiredProviders(ctx, e.value, e.keyLoc, into.requiredProviders);
    else if (e.key === 'backend') {
      for (const bk of ctx.blocks(e.value, 1, e.keyLoc, 'backend')) {
        // The type and its arguments are the state backends' to check (states/factory.ts), when a
        // command opens it: `validate` accepts any type, as Terraform's does.
        const config = toPlain({ ...bk.body, entries: bk.body.entries.filter((x) => x.key !== '//') }) as Record<string, unknown>;
        found.push({ backend: { type: bk.labels[0]!, config, range: ctx.range(bk.loc) }, loc: bk.loc });
      }
    } else if (e.syntax === 'block' || e.key === 'cloud') ctx.error('Unsupported block type', `Blocks of type "${e.key}" are not expected here.`, e.keyLoc, 'terraform');
    else ctx.error('Unsupported argument', `An argument named "${e.key}" is not expected here.`, e.keyLoc, 'terraform');
  }
  return found;
}
