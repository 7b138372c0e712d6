// Child process for the lock tests: takes the lock of a state file, prints `LOCKED <id>`, then either
// holds it until killed (`hold`) or releases it after some milliseconds (`release:<ms>`) and exits.
import { openBackend } from '../../../src/states/index.js';

const [statePath, mode = 'hold'] = process.argv.slice(2);
const backend = openBackend({ cwd: process.cwd(), env: {}, statePath: statePath! }).value!;
const lock = await backend.lock('OperationTypeApply', { timeoutMs: 0, info: 'held by a test' });
process.stdout.write(`LOCKED ${lock.info.ID}\n`);
if (mode.startsWith('release:')) {
  await new Promise((r) => setTimeout(r, Number(mode.slice('release:'.length))));
  await lock.release();
  process.exit(0);
}
setInterval(() => undefined, 1 << 30);
