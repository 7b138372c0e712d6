/**
 * The built-in `terraform` provider (`terraform.io/builtin/terraform`) and its one resource,
 * `terraform_data`, which stores a value and changes nothing outside the state — it lets engine tests
 * and benchmarks run without any cloud, and lets minitf and Terraform run the same configuration.
 */
import type { Provider } from '../types.js';
import { terraformData } from './data.js';

/** The built-in `terraform` provider. Configuration takes no arguments. */
export const terraformProvider: Provider<null> = {
  name: 'terraform',
  source: 'terraform.io/builtin/terraform',
  resources: { terraform_data: terraformData },
  dataSources: {},
  configure(req) {
    return { value: { view: req.view, client: () => ({ value: null, diagnostics: [] }) }, diagnostics: [] };
  },
};
