import { randomBytes, scryptSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SealError } from './backend.js';
import type { SealKeys } from './seal.js';

/** The key file's place under the working directory. */
export const KEY_FILE = join('.minitf', 'state.key');

const SALT = Buffer.from('minitf-state-key-v1');
const derived = new Map<string, Buffer>();

/**
 * The keys that seal sensitive values in state, journal and plan files. With `MINITF_STATE_KEY` set,
 * its passphrase stretched with scrypt is the sealing key (the key file, if present, still opens
 * older values). Otherwise the key file `.minitf/state.key` (32 random bytes, base64, mode 0600) in
 * the working directory is used, and created on the first seal — unless `shared`: a state shared by a
 * team (pg, oss) seals only with `MINITF_STATE_KEY`, because a key file exists on one machine only and
 * no teammate or later CI job could open what it sealed. Nothing is read or created until a value has
 * to be sealed or opened.
 */
export class Keyring implements SealKeys {
  readonly #cwd: string;
  readonly #passphrase: string | undefined;
  readonly #shared: boolean;
  #fileKey: Buffer | null | undefined;

  constructor(opts: { readonly cwd: string; readonly env: Readonly<Record<string, string | undefined>>; readonly shared?: boolean }) {
    this.#cwd = opts.cwd;
    this.#passphrase = opts.env.MINITF_STATE_KEY || undefined;
    this.#shared = opts.shared ?? false;
  }

  /** The absolute path of the key file. */
  get keyFile(): string {
    return join(this.#cwd, KEY_FILE);
  }

  /** The passphrase key when `MINITF_STATE_KEY` is set, else (not shared) the key file's key, created when missing. */
  sealingKey(): Buffer {
    if (this.#passphrase !== undefined) return stretch(this.#passphrase);
    if (this.#shared) {
      throw new SealError(
        'The state holds sensitive values, and this backend’s state is shared: minitf seals them with the passphrase in MINITF_STATE_KEY, which every teammate and CI job using this backend must set to the same value. Set MINITF_STATE_KEY and run the command again (a key file would exist on this machine only, and no one else could open the values).',
      );
    }
    return this.#readKeyFile() ?? this.#createKeyFile();
  }

  /** The passphrase key (if set) and the key file's key (if the file exists). Never creates anything. */
  openingKeys(): readonly Buffer[] {
    const keys: Buffer[] = [];
    if (this.#passphrase !== undefined) keys.push(stretch(this.#passphrase));
    const f = this.#readKeyFile();
    if (f) keys.push(f);
    return keys;
  }

  /** Names the key sources for messages. */
  describe(): string {
    const file = relative(this.#cwd, this.keyFile) || this.keyFile;
    return this.#passphrase !== undefined ? `MINITF_STATE_KEY, then the key file "${file}"` : `the key file "${file}"; MINITF_STATE_KEY is not set`;
  }

  #readKeyFile(): Buffer | null {
    if (this.#fileKey !== undefined) return this.#fileKey;
    let text: string;
    try {
      text = readFileSync(this.keyFile, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    const key = Buffer.from(text.trim(), 'base64');
    if (key.length !== 32) throw new SealError(`The key file "${this.keyFile}" does not hold a minitf state key (32 bytes, base64). Restore it, or remove it to start a new key (values sealed with the old key can then no longer be opened).`);
    this.#fileKey = key;
    return key;
  }

  #createKeyFile(): Buffer {
    mkdirSync(join(this.#cwd, '.minitf'), { recursive: true, mode: 0o700 });
    const key = randomBytes(32);
    try {
      writeFileSync(this.keyFile, key.toString('base64') + '\n', { flag: 'wx', mode: 0o600, flush: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // Another process made it first: use theirs.
      this.#fileKey = undefined;
      return this.#readKeyFile()!;
    }
    this.#fileKey = key;
    return key;
  }
}

/** A fixed-key SealKeys (tests, and callers that manage keys themselves). */
export function fixedKeys(seal: Buffer, open: readonly Buffer[] = [seal]): SealKeys {
  return { sealingKey: () => seal, openingKeys: () => open, describe: () => 'a fixed key' };
}

/** Stretches a passphrase into a 256-bit key with scrypt (cached per process). */
export function stretch(passphrase: string): Buffer {
  let k = derived.get(passphrase);
  if (!k) {
    k = scryptSync(passphrase, SALT, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    derived.set(passphrase, k);
  }
  return k;
}
