/**
 * State storage: the Terraform v4 state model and its file format (`statefile.ts`), the
 * address-indexed edits the engine makes (`instances.ts`), and one policy for storing it
 * (`manager.ts`: serial and lineage checks, sealing of sensitive values (`seal.ts`, keys in
 * `keyring.ts`), journal replay and recovery (`journal.ts`, `replay.ts`), group commit
 * (`commit.ts`), lock waits (`lockwait.ts`)) over the bytes each backend stores (`storage.ts` is the
 * contract; `local/`, `pg/` and the others listed in `backends.ts` implement it, each declaring its
 * settings, `settings.ts`). `factory.ts` opens a backend by configuration. What a state means
 * (planning, applying, resolving pending intents) belongs to `core`; how it is shown belongs to
 * `plans` and the CLI.
 */
export * from './model.js';
export * from './backend.js';
export * from './storage.js';
export * from './settings.js';
export * from './statefile.js';
export * from './instances.js';
export * from './replay.js';
export * from './seal.js';
export * from './keyring.js';
export * from './durable.js';
export * from './journal.js';
export * from './commit.js';
export * from './lockwait.js';
export * from './manager.js';
export { LocalStorage, shown, type LocalPaths } from './local/index.js';
export * from './factory.js';
export * from './migrate.js';
export * from './workspace.js';
export * from './diagnostics.js';
