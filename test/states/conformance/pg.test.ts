import { KEY, type Harness } from './harness.js';
import { describeConformance } from './suite.js';
import { admin, CONN_STR, testSchema } from '../pg/helpers/db.js';
import { tmpdir } from 'node:os';

/** The pg backend: each place is a schema of its own in the test database (dropped after the file). */
export const pgHarness: Harness = {
  name: 'pg',
  shared: true,
  names: { snapshot: /of workspace "\w+" in table \w+\.states/, backup: /table \w+\.minitf_backups/ },
  place() {
    const schema = testSchema('conformance');
    return {
      options: (extra = {}) => ({
        cwd: tmpdir(),
        workspace: 'default',
        backend: { type: 'pg', config: { schema_name: schema } },
        ...extra,
        env: { PG_CONN_STR: CONN_STR, ...(extra.env ?? { MINITF_STATE_KEY: KEY }) },
      }),
      restoreBackup: async (w = 'default') => {
        await admin(`UPDATE "${schema}".states s SET data = b.data FROM "${schema}".minitf_backups b WHERE b.state_id = s.id AND s.name = $1`, [w]);
      },
    };
  },
};

describeConformance(pgHarness);
