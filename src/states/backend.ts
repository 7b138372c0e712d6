import { MinitfError } from '../diag/index.js';
import type { StateFile, StateInstance, StateOutput } from './model.js';

/** Terraform-compatible lock information (`.terraform.tfstate.lock.info`, `force-unlock`, lock errors). */
export interface LockInfo {
  readonly ID: string;
  readonly Operation: string;
  readonly Info: string;
  readonly Who: string;
  readonly Version: string;
  readonly Created: string;
  readonly Path: string;
  /** minitf addition: the holder's process id, so a lock left by a killed process on this host is broken at once. */
  readonly PID?: number;
  /** minitf addition: the holder's host name (`os.hostname()`), to know whether `PID` can be checked here. */
  readonly Host?: string;
}

/** How `Backend.lock` waits (see there) and the lock info's `Info`. */
export interface LockOptions {
  readonly timeoutMs: number;
  readonly info?: string;
  readonly onWait?: () => void;
}

/** A held state lock. `release` is idempotent. */
export interface StateLock {
  readonly info: LockInfo;
  release(): Promise<void>;
}

/** The state is locked by someone else; `info` says who, since when, for which operation. */
export class StateLockedError extends MinitfError {
  readonly info: LockInfo | undefined;
  constructor(message: string, info?: LockInfo) {
    super('state_locked', message);
    this.name = 'StateLockedError';
    this.info = info;
  }
}

/** The stored state cannot be read (truncated, not JSON, wrong version). Nothing was overwritten. */
export class StateCorruptError extends MinitfError {
  readonly path: string;
  /** What is wrong, without where: `it is not valid JSON (…)`. */
  readonly reason: string;
  constructor(message: string, path: string, reason = message) {
    super('state_corrupt', message);
    this.name = 'StateCorruptError';
    this.path = path;
    this.reason = reason;
  }
}

/** `force-unlock` failed: the state is not locked, or its lock has another ID. */
export class ForceUnlockError extends MinitfError {
  readonly reason: 'not_locked' | 'id_mismatch';
  constructor(reason: 'not_locked' | 'id_mismatch', message: string) {
    super('force_unlock', message);
    this.name = 'ForceUnlockError';
    this.reason = reason;
  }
}

/** A sealed value cannot be opened (no key, wrong key, damaged text), or a key file is unusable. */
export class SealError extends MinitfError {
  constructor(message: string) {
    super('state_sealed', message);
    this.name = 'SealError';
  }
}

/** A write based on an older serial (or another lineage) than the stored state: refused, never merged. */
export class StaleStateError extends MinitfError {
  constructor(message: string) {
    super('state_stale', message);
    this.name = 'StaleStateError';
  }
}

/**
 * A backend cannot do its work for a reason of its own (a database unreachable, a bucket missing, a
 * login refused): `summary` is the diagnostic's title, the message its detail (never a secret, never a
 * stack trace). Each backend's errors extend this, so reporting them needs no backend-specific code.
 */
export class StateBackendError extends MinitfError {
  readonly summary: string;
  constructor(summary: string, message: string) {
    super('state_backend', message);
    this.name = 'StateBackendError';
    this.summary = summary;
  }
}

/** Where a resource lives, for journal events (enough to create its entry in state). */
export interface ResourceRef {
  readonly module?: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly provider: string;
}

/**
 * Crash-safe journal events, appended (and fsync'd) during apply; replayed into the snapshot by the
 * next `read`. `intent` precedes a create (with its ClientToken); an intent without a later event for
 * the same `addr`/`deposed` is "pending" and handed to the engine to resolve.
 */
export type JournalEvent =
  | {
      readonly t: 'intent';
      readonly addr: string;
      readonly deposed?: string;
      readonly resource: ResourceRef;
      readonly action: 'create' | 'update' | 'delete' | 'import';
      readonly token?: string;
      /** SHA-256 of the create's arguments: a later run reuses `token` only for the same arguments. */
      readonly argsHash?: string;
      /**
       * The create's arguments, shaped as an instance so their sensitive paths are sealed like state:
       * with them a later apply can repeat the call (same ClientToken) and record what it returns even
       * when the address is no longer created with those arguments.
       */
      readonly request?: StateInstance;
      readonly time: string;
    }
  | { readonly t: 'object'; readonly addr: string; readonly resource: ResourceRef; readonly instance: StateInstance }
  | { readonly t: 'removed'; readonly addr: string; readonly deposed?: string }
  | { readonly t: 'failed'; readonly addr: string; readonly deposed?: string; readonly action: string; readonly message: string }
  | { readonly t: 'moved'; readonly from: string; readonly to: string }
  | { readonly t: 'outputs'; readonly outputs: Readonly<Record<string, StateOutput>> };

/** The `intent` event type. */
export type IntentEvent = Extract<JournalEvent, { t: 'intent' }>;

/**
 * A state store for one workspace: snapshot + journal + lock. One implementation, the policy in
 * `manager.ts`, over each backend's storage (`storage.ts`). All methods may throw the errors above;
 * I/O faults throw as they are.
 */
export interface Backend {
  /** Human description for messages: `local state file "state/terraform.tfstate"`. */
  readonly description: string;
  /** The snapshot's absolute path when it is a file on this machine (the local backend), for backups beside it. */
  readonly localFile?: string;
  /**
   * Takes the lock for `operation` (`OperationTypeApply`, …), retrying until `timeoutMs` has passed
   * (0: one attempt). Throws StateLockedError (with the holder's info) when it cannot. `onWait` is
   * called once when the first attempt fails and the call is going to wait (print Terraform's
   * `Acquiring state lock. This may take a few moments...` there).
   */
  lock(operation: string, opts: LockOptions): Promise<StateLock>;
  /**
   * Removes the lock whose ID is `id`, whoever holds it (`minitf force-unlock`). Throws
   * ForceUnlockError when the state is not locked or is locked under another ID.
   */
  forceUnlock(id: string): Promise<void>;
  /** The current lock holder's info, or undefined when the state is not locked. */
  lockInfo(): Promise<LockInfo | undefined>;
  /**
   * Reads the snapshot with the journal replayed into it (in memory; nothing is written), or null state
   * when none exists. `pending` lists intents that have no outcome yet.
   */
  read(): Promise<{ state: StateFile | null; pending: IntentEvent[] }>;
  /**
   * Replaces the snapshot atomically (previous kept as backup) and clears the journal events it now
   * contains. Refuses (StaleStateError) when the stored lineage differs or its serial is newer than
   * `state.serial - 1`... callers pass the state with its serial already incremented.
   *
   * The state is captured synchronously at the call: every event whose `append` was called before
   * `write` counts as contained in it; events appended after the call stay in the journal. Intents
   * without an outcome stay pending across writes until an event resolves them.
   */
  write(state: StateFile): Promise<void>;
  /**
   * Appends events durably; resolves once they are on disk (written and fsync'd). Concurrent calls
   * are group-committed: calls made while a flush is running share the next write and fsync. Events
   * are ordered as the calls were made.
   */
  append(events: readonly JournalEvent[]): Promise<void>;
  /**
   * Stores `state` whatever lineage and serial are stored (`state push -force`, a push over an empty
   * state, a migration): the previous snapshot becomes the backup, and the journal, whose events belong
   * to the replaced state, is cleared down to the new snapshot. Runs in call order after the appends
   * and writes requested before it.
   */
  replace(state: StateFile): Promise<void>;
  /** Releases resources (connections, file handles); the lock must be released first. */
  close(): Promise<void>;
}

/**
 * The workspaces of one backend configuration (`minitf workspace …`). `default` always exists and
 * cannot be deleted; every other name is a separate state (its own snapshot, journal and lock).
 */
export interface WorkspaceStore {
  /** Every workspace name: `default` first, the others sorted. */
  list(): Promise<string[]>;
  /** Creates an empty workspace; a no-op when it exists. */
  create(name: string): Promise<void>;
  /** Deletes a workspace and everything stored for it (the caller checks it is empty first). */
  delete(name: string): Promise<void>;
}
