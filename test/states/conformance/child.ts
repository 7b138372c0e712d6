// Child process of the conformance suite: opens the backend the JSON options in argv[2] name, then
// - `hold`: takes the lock, prints `LOCKED <id>`, holds it until killed;
// - `release:<ms>`: takes the lock, prints `LOCKED <id>`, releases it after <ms> and exits;
// - `write-after:<ms>`: takes the lock, waits, writes the next serial, prints `WRITE OK` or `WRITE FAILED <name>: <message>`;
// - `append-loop`: takes the lock and continues the state from where the last run stopped, one
//   intent + object per instance, a snapshot every 25 objects, printing `ACK n` once instance n's
//   events are durable; runs until killed.
import { emptyState, openBackend, StateIndex, type OpenBackendOptions } from '../../../src/states/index.js';

const opts = JSON.parse(process.argv[2]!) as OpenBackendOptions;
const mode = process.argv[3] ?? 'hold';
const backend = openBackend(opts).value!;
const lock = await backend.lock('OperationTypeApply', { timeoutMs: 0, info: 'held by a test' });
process.stdout.write(`LOCKED ${lock.info.ID}\n`);
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const arg = Number(mode.split(':')[1] ?? 0);
if (mode.startsWith('release:')) {
  await wait(arg);
  await lock.release();
  await backend.close();
  process.exit(0);
} else if (mode.startsWith('write-after:')) {
  await wait(arg);
  try {
    const { state } = await backend.read();
    await backend.write({ ...(state ?? emptyState()), serial: (state?.serial ?? 0) + 1 });
    process.stdout.write('WRITE OK\n');
  } catch (e) {
    process.stdout.write(`WRITE FAILED ${(e as Error).name}: ${(e as Error).message}\n`);
  }
  process.exit(0);
} else if (mode === 'append-loop') {
  const { state: prior } = await backend.read();
  const state = prior ?? emptyState();
  const index = new StateIndex(state);
  const provider = 'provider["terraform.io/builtin/terraform"]';
  const resource = { mode: 'managed', type: 'terraform_data', name: 'n', provider } as const;
  for (let n = index.addresses().length; ; n++) {
    const addr = `terraform_data.n[${n}]`;
    const instance = { schema_version: 0, attributes: { id: `id-${n}`, input: { value: 'x'.repeat(n % 300), type: 'string' } }, sensitive_attributes: [] };
    await backend.append([{ t: 'intent', addr, resource, action: 'create', token: `tok-${n}`, time: new Date().toISOString() }]);
    index.setObject(addr, provider, instance);
    await backend.append([{ t: 'object', addr, resource, instance }]);
    process.stdout.write(`ACK ${n}\n`);
    if (n % 25 === 24) void backend.write({ ...state, serial: ++state.serial }).catch(() => undefined);
  }
}
setInterval(() => undefined, 1 << 30);
