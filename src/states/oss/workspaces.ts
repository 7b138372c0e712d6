import type { WorkspaceStore } from '../backend.js';
import { emptyState, formatState } from '../statefile.js';
import { DEFAULT_WORKSPACE } from '../workspace.js';
import type { OssClient } from './client.js';
import { ossKeys } from './storage.js';

/**
 * The workspaces of an oss backend, found as Terraform finds them: the names under `<prefix>/` that
 * hold a `<prefix>/<name>/<key>` object. `create` writes an empty state there (as Terraform does, so
 * its `workspace list` shows the workspace too); `delete` removes the workspace's objects.
 */
export class OssWorkspaces implements WorkspaceStore {
  readonly #client: OssClient;

  constructor(client: OssClient) {
    this.#client = client;
  }

  async list(): Promise<string[]> {
    const { prefix, key } = this.#client.target;
    const root = prefix ? `${prefix}/` : '';
    const names = new Set<string>();
    for (const k of await this.#client.list(root)) {
      const parts = k.slice(root.length).split('/');
      if (parts.length === 2 && parts[1] === key && parts[0] && parts[0] !== DEFAULT_WORKSPACE) names.add(parts[0]);
    }
    return [DEFAULT_WORKSPACE, ...[...names].sort()];
  }

  async create(name: string): Promise<void> {
    if (name === DEFAULT_WORKSPACE || (await this.list()).includes(name)) return;
    const keys = this.#keys(name);
    await this.#client.put(keys.state, formatState(emptyState()), true).catch(() => undefined);
  }

  async delete(name: string): Promise<void> {
    if (name === DEFAULT_WORKSPACE) return;
    const keys = this.#keys(name);
    for (const k of [keys.state, keys.backup, ...(await this.#client.list(keys.journal))]) await this.#client.delete(k);
  }

  #keys(name: string) {
    return ossKeys(this.#client.target.prefix, this.#client.target.key, name);
  }
}
