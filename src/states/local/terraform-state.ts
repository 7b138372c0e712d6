import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { error, type Diagnostic } from '../../diag/index.js';
import { DEFAULT_WORKSPACE } from '../workspace.js';

/** Terraform's default local state file, in the working directory. */
export const TERRAFORM_STATE_PATH = 'terraform.tfstate';
/** Terraform's default folder of non-default workspaces' local states. */
export const TERRAFORM_WORKSPACE_DIR = 'terraform.tfstate.d';

/**
 * Guards the switch from Terraform. minitf's default local state (`state/terraform.tfstate`) is not
 * where Terraform keeps its own (`./terraform.tfstate`, `./terraform.tfstate.d/NAME/`), so a first
 * minitf run in a Terraform directory would start from an empty state beside Terraform's and plan to
 * create every object again. This returns the refusal for that case: minitf's default state for
 * `workspace` (`minitfPath`) has neither a snapshot nor a journal, and Terraform's default state of
 * the same workspace exists. Undefined when there is nothing in the way. The caller asks only when
 * the path is minitf's default (no `-state`, no `path`/`workspace_dir` in the backend block).
 */
export function terraformStateInTheWay(cwd: string, workspace: string, minitfPath: string): Diagnostic | undefined {
  if (existsSync(minitfPath) || existsSync(`${minitfPath}.journal`)) return undefined;
  const shown = (p: string) => relative(cwd, p).split(sep).join('/');
  const mine = shown(minitfPath);
  if (workspace === DEFAULT_WORKSPACE) {
    const theirs = join(cwd, TERRAFORM_STATE_PATH);
    if (!existsSync(theirs)) return undefined;
    const files = [TERRAFORM_STATE_PATH, `${TERRAFORM_STATE_PATH}.backup`].filter((f) => existsSync(join(cwd, f)));
    const folder = shown(join(minitfPath, '..'));
    return refusal(TERRAFORM_STATE_PATH, mine, `mkdir -p ${folder} && mv ${files.join(' ')} ${folder}/`, `-state=${TERRAFORM_STATE_PATH}`, `path = "${TERRAFORM_STATE_PATH}"`);
  }
  const theirs = join(cwd, TERRAFORM_WORKSPACE_DIR, workspace, 'terraform.tfstate');
  if (!existsSync(theirs)) return undefined;
  const folder = shown(join(minitfPath, '..', '..'));
  return refusal(shown(theirs), mine, `mkdir -p ${folder} && mv ${TERRAFORM_WORKSPACE_DIR}/${workspace} ${folder}/`, `-state=${shown(theirs)}`, `workspace_dir = "${TERRAFORM_WORKSPACE_DIR}"`);
}

function refusal(theirs: string, mine: string, move: string, flag: string, setting: string): Diagnostic {
  return error(
    'Terraform state not moved',
    `This directory has Terraform's state file ${theirs}, and minitf keeps its state in ${mine}, which does not exist yet. minitf will not start an empty state beside Terraform's: the plan would create again every object Terraform manages.\n\nTo hand the state over to minitf, move it (Terraform then no longer finds it):\n  ${move}\n\nOr keep it where it is, with ${flag} on every command or ${setting} in a backend "local" block.`,
  );
}
