/**
 * State storage: the Terraform v4 state model and its file format (`statefile.ts`), the
 * address-indexed edits the engine makes (`instances.ts`), backends that store one state per
 * workspace (`backend.ts` is the contract; `local.ts` writes files: a lowdb snapshot replaced
 * atomically, a `.backup`, an fsync'd group-committed journal replayed by every read, a lock file),
 * the sealing of sensitive values (`seal.ts`, keys in `keyring.ts`), and the helpers commands use to
 * open a backend, lock it and report its errors. What a state means (planning, applying, resolving
 * pending intents) belongs to `core`; how it is shown belongs to `plans` and the CLI.
 */
export * from './model.js';
export * from './backend.js';
export * from './statefile.js';
export * from './instances.js';
export * from './replay.js';
export * from './seal.js';
export * from './keyring.js';
export * from './durable.js';
export * from './journal.js';
export * from './lock.js';
export * from './local.js';
export * from './factory.js';
export * from './workspace.js';
export * from './locking.js';
export * from './diagnostics.js';
