import type { EmulatorEndpoint } from '../../states/index.js';

/** What the built-in provider's operations get as `ctx.provider`: where the run is, for `terraform_remote_state`. */
export interface TerraformClient {
  /** The run's working directory: relative backend paths resolve against it. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The embedded emulator, when the run uses one (an `oss` remote state without an endpoint reads from it). */
  readonly emulator?: EmulatorEndpoint;
}
