import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import type { EmulatorDump, RunningEmulator } from '../../src/emulator/index.js';
import { openBackend } from '../../src/states/index.js';
import type { IntentEvent } from '../../src/states/backend.js';
import type { StateFile } from '../../src/states/model.js';
import { FAST_PACING } from '../helpers/process.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root. */
export const ROOT = join(here, '..', '..');

const made: string[] = [];
afterAll(() => {
  if (process.env.RESILIENCE_KEEP) return;
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/**
 * A fresh temporary working directory holding a copy of `source` (a folder under
 * `test/resilience/fixtures/`, or a path relative to the repository root such as
 * `examples/image-copy`); removed after the file's tests unless `RESILIENCE_KEEP` is set.
 */
export function workdir(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'minitf-resilience-'));
  made.push(dir);
  const from = source.includes('/') ? join(ROOT, source) : join(here, 'fixtures', source);
  cpSync(from, dir, { recursive: true, filter: (p) => !/(^|\/)(\.minitf|state)$/.test(p.slice(from.length)) });
  return dir;
}

/** Environment for a child `minitf` talking to `emu`: both endpoints, the demo key pair, fast pacing. */
export function cloudEnv(emu: RunningEmulator, extra: Readonly<Record<string, string | undefined>> = {}): Record<string, string | undefined> {
  return {
    ...FAST_PACING,
    ALIBABA_CLOUD_ENDPOINT_ECS: emu.url,
    ALIBABA_CLOUD_ENDPOINT_VPC: emu.url,
    ALICLOUD_ACCESS_KEY: emu.accessKeyId,
    ALICLOUD_SECRET_KEY: emu.accessKeySecret,
    TF_IN_AUTOMATION: '1',
    ...extra,
  };
}

/** The state of `dir`'s default local state file with its journal replayed (sealed values left sealed). */
export async function readState(dir: string): Promise<{ state: StateFile | null; pending: IntentEvent[] }> {
  const b = openBackend({ cwd: dir, env: {}, raw: true }).value!;
  try {
    return await b.read();
  } finally {
    await b.close();
  }
}

/** One managed object of a state: address, type, cloud ID and status. */
export interface StateObject {
  readonly address: string;
  readonly type: string;
  readonly id: string | undefined;
  readonly tainted: boolean;
  readonly deposed?: string;
}

/** Every managed object of `state` (current and deposed), in state order. */
export function stateObjects(state: StateFile | null): StateObject[] {
  const out: StateObject[] = [];
  for (const r of state?.resources ?? []) {
    if (r.mode !== 'managed') continue;
    for (const i of r.instances) {
      const key = i.index_key === undefined ? '' : typeof i.index_key === 'number' ? `[${i.index_key}]` : `["${i.index_key}"]`;
      const id = (i.attributes as Record<string, unknown>).id;
      out.push({
        address: `${r.module ? `${r.module}.` : ''}${r.type}.${r.name}${key}`,
        type: r.type,
        id: typeof id === 'string' ? id : undefined,
        tainted: i.status === 'tainted',
        ...(i.deposed ? { deposed: i.deposed } : {}),
      });
    }
  }
  return out;
}

/** The emulator record collections, by the resource types stored in them. */
export const KIND_OF_TYPE: Readonly<Record<string, keyof EmulatorDump['regions'][string]>> = {
  alicloud_vpc: 'vpcs',
  alicloud_vswitch: 'vswitches',
  alicloud_subnet: 'vswitches',
  alicloud_security_group: 'securityGroups',
  alicloud_instance: 'instances',
  alicloud_image: 'images',
  alicloud_image_copy: 'images',
};

/** Cloud objects of one collection across regions (objects being deleted left out). */
export function cloudIds(dump: EmulatorDump, kind: keyof EmulatorDump['regions'][string]): string[] {
  const ids: string[] = [];
  for (const r of Object.values(dump.regions)) {
    for (const rec of r[kind] as readonly { id: string; deleting?: boolean }[]) if (!rec.deleting) ids.push(rec.id);
  }
  return ids;
}

/** Sorted copy. */
export function sorted<T>(xs: readonly T[]): T[] {
  return [...xs].sort();
}
