// Child process for the crash test: continues the state at STATE from where the last run stopped,
// recording one intent + object per instance, a snapshot every 25 objects, and printing `ACK n` once
// instance n's events are durable. Runs until killed.
import { emptyState, openBackend, StateIndex } from '../../../src/states/index.js';

const [statePath] = process.argv.slice(2);
const backend = openBackend({ cwd: process.cwd(), env: {}, statePath: statePath! }).value!;
await backend.lock('OperationTypeApply', { timeoutMs: 0 });
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
  if (n % 25 === 24) void backend.write({ ...state, serial: ++state.serial });
}
