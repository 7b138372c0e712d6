/**
 * The built-in `terraform` provider (`terraform.io/builtin/terraform`): the resource `terraform_data`,
 * which stores a value and changes nothing outside the state — it lets engine tests and benchmarks
 * run without any cloud, and lets minitf and Terraform run the same configuration — and the data
 * source `terraform_remote_state`, which reads another configuration's outputs through the backends
 * of `states`.
 */
import type { Provider } from '../types.js';
import type { TerraformClient } from './client.js';
import { terraformData } from './data.js';
import { terraformRemoteState } from './remote-state.js';

export type { TerraformClient } from './client.js';

/** The built-in `terraform` provider. Configuration takes no arguments. */
export const terraformProvider: Provider<TerraformClient> = {
  name: 'terraform',
  source: 'terraform.io/builtin/terraform',
  resources: { terraform_data: terraformData },
  dataSources: { terraform_remote_state: terraformRemoteState },
  configure(req) {
    const client: TerraformClient = { cwd: req.cwd ?? process.cwd(), env: req.env, ...(req.emulator ? { emulator: req.emulator } : {}) };
    return { value: { view: req.view, client: () => ({ value: client, diagnostics: [] }) }, diagnostics: [] };
  },
};
