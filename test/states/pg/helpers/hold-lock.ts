// Child process for the pg lock tests: takes the lock of workspace WORKSPACE in schema SCHEMA, prints
// `LOCKED <id>`, then holds it until killed (`hold`), or releases it after some milliseconds
// (`release:<ms>`), or (`write-after:<ms>`) tries to write a state after that delay and prints
// `WRITE OK` or `WRITE FAILED <message>`.
import { emptyState, openBackend } from '../../../../src/states/index.js';

const [connStr, schema, workspace, mode = 'hold'] = process.argv.slice(2);
const backend = openBackend({ cwd: process.cwd(), env: { PG_CONN_STR: connStr! }, backend: { type: 'pg', config: { schema_name: schema! } }, workspace: workspace! }).value!;
const lock = await backend.lock('OperationTypeApply', { timeoutMs: 0, info: 'held by a test' });
process.stdout.write(`LOCKED ${lock.info.ID}\n`);
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
if (mode.startsWith('release:')) {
  await wait(Number(mode.slice('release:'.length)));
  await lock.release();
  await backend.close();
  process.exit(0);
}
if (mode.startsWith('write-after:')) {
  await wait(Number(mode.slice('write-after:'.length)));
  try {
    const { state } = await backend.read();
    await backend.write({ ...(state ?? emptyState()), serial: (state?.serial ?? 0) + 1 });
    process.stdout.write('WRITE OK\n');
  } catch (e) {
    process.stdout.write(`WRITE FAILED ${(e as Error).name}: ${(e as Error).message}\n`);
  }
  process.exit(0);
}
setInterval(() => undefined, 1 << 30);
