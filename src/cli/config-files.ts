import { readdirSync } from 'node:fs';
import { formatOf } from '../config/index.js';
import { error, type Diagnostic } from '../diag/index.js';

/**
 * True when `dir` holds at least one configuration file minitf reads (`.tf`, `.tf.json`, `.tf.yaml`,
 * `.tf.yml`), as Terraform's `IsConfigDir`. An unreadable directory counts as having files, so the
 * loader reports why it cannot be read.
 */
export function hasConfigFiles(dir: string): boolean {
  try {
    return readdirSync(dir).some((n) => formatOf(n) !== undefined);
  } catch {
    return true;
  }
}

/** What refuses to run without configuration files, and the words of its refusal. */
export type NeedsConfig = 'plan' | 'apply' | 'import' | 'providers';

/**
 * The refusal of an operation that would treat a directory without configuration files as an empty
 * configuration (planning to destroy everything in the state): Terraform's `No configuration files`
 * (`No Terraform configuration files` for import), with minitf's commands in the advice. Destroying
 * stays possible through `plan -destroy` and `minitf destroy`, which do not need configuration.
 */
export function noConfigurationFiles(what: NeedsConfig, dir: string): Diagnostic {
  const formats = '(a .tf, .tf.json or .tf.yaml file)';
  if (what === 'import') {
    return error('No Terraform configuration files', `The directory ${dir} does not contain any configuration files (.tf, .tf.json or .tf.yaml). To use a different configuration directory, run minitf with the -chdir=DIR option.`);
  }
  if (what === 'providers') return error('No configuration files', `The directory ${dir} contains no configuration files (.tf, .tf.json or .tf.yaml).`);
  if (what === 'plan') {
    return error(
      'No configuration files',
      `Plan requires configuration to be present. Planning without a configuration would mark everything for destruction, which is normally not what is desired. If you would like to destroy everything, run plan with the -destroy option. Otherwise, create a configuration file ${formats} and try again.`,
    );
  }
  return error(
    'No configuration files',
    "Apply requires configuration to be present. Applying without a configuration would mark everything for destruction, which is normally not what is desired. If you would like to destroy everything, run 'minitf destroy' instead.",
  );
}
