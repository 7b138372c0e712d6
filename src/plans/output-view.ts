import { error, renderDiagnostic, warning, type Diagnostic } from '../diag/index.js';
import type { StateOutput } from '../states/model.js';
import { formatHclValue, formatOutputLines, friendlyType } from './hcl.js';
import { formatNumber, goJSON, sortedKeys, sortJSON } from './text.js';

/** Flags of `minitf output`. */
export interface OutputOptions {
  readonly name?: string;
  readonly json?: boolean;
  readonly raw?: boolean;
  /** Width for the warning text (78 when not a terminal). */
  readonly width?: number;
}

/** What `minitf output` prints: text for stdout, error diagnostics for stderr, and its exit code. */
export interface OutputResult {
  readonly stdout: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly exitCode: number;
}

const noOutputs = warning(
  'No outputs found',
  'The state file either has no outputs defined, or all the defined outputs are empty. Please define an output in your configuration with the `output` keyword and run `minitf refresh` for it to become available. If you are using interpolation, please verify the interpolated value is not empty. You can use the `minitf console` command to assist.',
);

/**
 * Produces the output of `terraform output [-json] [-raw] [NAME]` for the root outputs of a state
 * (undefined when there is no state). Sensitive values are shown when asked for by name or as JSON,
 * as Terraform does; `-raw` prints a string, number or bool without a trailing newline.
 */
export function outputCommand(outputs: Readonly<Record<string, StateOutput>> | undefined, opts: OutputOptions): OutputResult {
  const fail = (d: Diagnostic): OutputResult => ({ stdout: '', diagnostics: [d], exitCode: 1 });
  if (opts.json && opts.raw) return fail(error('Invalid output format', 'The -raw and -json options are mutually-exclusive.'));
  if (opts.raw && opts.name === undefined) return fail(error('Output name required', 'You must give the name of a single output value when using the -raw option.'));
  const all = outputs ?? {};
  const names = sortedKeys(Object.keys(all));
  if (names.length === 0 && !opts.json) {
    return { stdout: renderDiagnostic(noOutputs, undefined, opts.width ?? 78), diagnostics: [], exitCode: 0 };
  }
  if (opts.name === undefined) {
    if (opts.json) {
      const obj: Record<string, unknown> = {};
      for (const n of names) obj[n] = { sensitive: all[n]!.sensitive === true, type: all[n]!.type, value: sortJSON(all[n]!.value) };
      return { stdout: goJSON(obj, '  ') + '\n', diagnostics: [], exitCode: 0 };
    }
    return { stdout: formatOutputLines(all), diagnostics: [], exitCode: 0 };
  }
  const o = all[opts.name];
  if (!o) {
    return fail(
      error(
        `Output "${opts.name}" not found`,
        'The output variable requested could not be found in the state file. If you recently added this to your configuration, be sure to run `minitf apply`, since the state won\'t be updated with new output variables until that command is run.',
      ),
    );
  }
  if (opts.json) return { stdout: goJSON(sortJSON(o.value)) + '\n', diagnostics: [], exitCode: 0 };
  if (opts.raw) {
    const v = o.value;
    if (typeof v === 'string') return { stdout: v, diagnostics: [], exitCode: 0 };
    if (typeof v === 'number') return { stdout: formatNumber(v), diagnostics: [], exitCode: 0 };
    if (typeof v === 'boolean') return { stdout: v ? 'true' : 'false', diagnostics: [], exitCode: 0 };
    return fail(
      error(
        'Unsupported value for raw output',
        `The -raw option only supports strings, numbers, and boolean values, but output value "${opts.name}" is ${v === null ? 'null' : friendlyType(o.type)}.\n\nUse the -json option for machine-readable representations of output values that have complex types.`,
      ),
    );
  }
  return { stdout: formatHclValue(o.value, o.type) + '\n', diagnostics: [], exitCode: 0 };
}
