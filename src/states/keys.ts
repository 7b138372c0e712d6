import { SealError } from './backend.js';
import { Keyring } from './keyring.js';
import type { SealKeys } from './seal.js';

/**
 * The sealing keys of a shared state (pg, oss: `BackendDefinition.shared`): sealing needs `MINITF_STATE_KEY`, because a key file is
 * created on one machine only and a teammate's or the next CI job's run could never open what it
 * sealed. Opening tries `MINITF_STATE_KEY`, then the working directory's key file (values sealed
 * before a local state was pushed). Nothing is needed while there is nothing sensitive to seal or open.
 */
export class TeamKeys implements SealKeys {
  readonly #ring: Keyring;
  readonly #hasPassphrase: boolean;

  constructor(opts: { readonly cwd: string; readonly env: Readonly<Record<string, string | undefined>> }) {
    this.#ring = new Keyring(opts);
    this.#hasPassphrase = Boolean(opts.env.MINITF_STATE_KEY);
  }

  /** The passphrase key; SealError when `MINITF_STATE_KEY` is not set. */
  sealingKey(): Buffer {
    if (!this.#hasPassphrase) {
      throw new SealError(
        'The state holds sensitive values, and this backend’s state is shared: minitf seals them with the passphrase in MINITF_STATE_KEY, which every teammate and CI job using this backend must set to the same value. Set MINITF_STATE_KEY and run the command again (a key file would exist on this machine only, and no one else could open the values).',
      );
    }
    return this.#ring.sealingKey();
  }

  /** The passphrase key (when set), then the key file's key (when the file exists). */
  openingKeys(): readonly Buffer[] {
    return this.#ring.openingKeys();
  }

  /** Names the key sources for messages. */
  describe(): string {
    return this.#ring.describe();
  }
}
