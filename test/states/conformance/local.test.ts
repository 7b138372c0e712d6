import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { KEY, type Harness } from './harness.js';
import { describeConformance } from './suite.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The local backend: each place is a working directory with the default `backend "local"`. */
export const localHarness: Harness = {
  name: 'local',
  shared: false,
  names: { snapshot: /file "state\/terraform\.tfstate(\.d\/\w+\/terraform\.tfstate)?"/, backup: /terraform\.tfstate\.backup"/ },
  place() {
    const cwd = mkdtempSync(join(tmpdir(), 'minitf-conformance-'));
    dirs.push(cwd);
    const file = (w = 'default') => join(cwd, w === 'default' ? 'state/terraform.tfstate' : `state/terraform.tfstate.d/${w}/terraform.tfstate`);
    return {
      options: (extra = {}) => ({ cwd, workspace: 'default', ...extra, env: extra.env ?? { MINITF_STATE_KEY: KEY } }),
      restoreBackup: async (w) => copyFileSync(`${file(w)}.backup`, file(w)),
    };
  },
};

describeConformance(localHarness);
