import OSS from 'ali-oss';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';
import { ossKeys } from '../../../src/states/oss/index.js';
import { KEY, type Harness } from './harness.js';
import { describeConformance } from './suite.js';

let emu: RunningEmulator;
const BUCKETS = ['conformance-1', 'conformance-2', 'conformance-3', 'conformance-4'];
const sdk = (bucket: string) => new OSS({ accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret, endpoint: emu.url, region: 'oss-cn-hangzhou', bucket, authorizationV4: true });
beforeAll(async () => {
  emu = await startEmulator({ seed: 3 });
  for (const b of BUCKETS) await sdk(b).putBucket(b);
});
afterAll(() => emu.close());

let used = 0;
/** The oss backend on the emulator, reached as a real endpoint: each place is a bucket of its own. */
export const ossHarness: Harness = {
  name: 'oss',
  shared: true,
  names: { snapshot: /object oss:\/\/conformance-\d\/env:\/(\w+\/)?terraform\.tfstate/, backup: /oss:\/\/conformance-\d\/env:\.minitf\/\w+\/terraform\.tfstate\.backup/ },
  place() {
    const bucket = BUCKETS[used++]!;
    return {
      options: (extra = {}) => ({
        cwd: tmpdir(),
        workspace: 'default',
        backend: { type: 'oss', config: { bucket, region: 'cn-hangzhou', endpoint: emu.url, encrypt: true } },
        ...extra,
        env: { ALICLOUD_ACCESS_KEY: emu.accessKeyId, ALICLOUD_SECRET_KEY: emu.accessKeySecret, ...(extra.env ?? { MINITF_STATE_KEY: KEY }) },
      }),
      restoreBackup: async (w = 'default') => {
        const k = ossKeys('env:', 'terraform.tfstate', w);
        await sdk(bucket).copy(k.state, k.backup);
      },
    };
  },
};

describeConformance(ossHarness);
