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
  readonly backupPath?: string;
  constructor(message: string, path: string, backupPath?: string) {
    super('state_corrupt', message);
    this.name = 'StateCorruptError';
    this.path = path;
    if (backupPath !== undefined) this.backupPath = backupPath;
  }
}

/** A write based on an older serial (or another lineage) than the stored state: refused, never merged. */
export class StaleStateError extends MinitfError {
  constructor(message: string) {
    super('state_stale', message);
    this.name = 'StaleStateError';
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
  | { readonly t: 'intent'; readonly addr: string; readonly deposed?: string; readonly resource: ResourceRef; readonly action: 'create' | 'update' | 'delete' | 'import'; readonly token?: string; readonly time: string }
  | { readonly t: 'object'; readonly addr: string; readonly resource: ResourceRef; readonly instance: StateInstance }
  | { readonly t: 'removed'; readonly addr: string; readonly deposed?: string }
  | { readonly t: 'failed'; readonly addr: string; readonly deposed?: string; readonly action: string; readonly message: string }
  | { readonly t: 'moved'; readonly from: string; readonly to: string }
  | { readonly t: 'outputs'; readonly outputs: Readonly<Record<string, StateOutput>> };

/** The `intent` event type. */
export type IntentEvent = Extract<JournalEvent, { t: 'intent' }>;

/**
 * A state store for one workspace: snapshot + journal + lock. Implementations: `local` (files, lowdb)
 * and `pg` (PostgreSQL). All methods may throw the errors above; I/O faults throw as they are.
 */
export interface Backend {
  /** Human description for messages: `local state file "state/terraform.tfstate"`. */
  readonly description: string;
  /** Takes the lock for `operation` (`OperationTypeApply`, …), waiting up to `timeoutMs`. */
  lock(operation: string, opts: { readonly timeoutMs: number; readonly info?: string }): Promise<StateLock>;
  /**
   * Reads the snapshot with the journal replayed into it (in memory; nothing is written), or null state
   * when none exists. `pending` lists intents that have no outcome yet.
   */
  read(): Promise<{ state: StateFile | null; pending: IntentEvent[] }>;
  /**
   * Replaces the snapshot atomically (previous kept as backup) and clears the journal events it now
   * contains. Refuses (StaleStateError) when the stored lineage differs or its serial is newer than
   * `state.serial - 1`... callers pass the state with its serial already incremented.
   */
  write(state: StateFile): Promise<void>;
  /** Appends events durably; resolves once they are on disk. Concurrent calls are group-committed. */
  append(events: readonly JournalEvent[]): Promise<void>;
  /** Releases resources (connections); the lock must be released first. */
  close(): Promise<void>;
}
