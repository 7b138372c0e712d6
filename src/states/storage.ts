import type { Result } from '../diag/index.js';
import type { Backend, LockInfo, WorkspaceStore } from './backend.js';
import type { LockTuning } from './lockwait.js';
import type { SettingsSchema, ResolvedSettings } from './settings.js';

/** A stored text and the version it was read at, the token of a compare-and-swap. */
export interface Versioned {
  readonly text: string;
  /** Opaque; changes whenever the stored bytes change (file identity, row `xmin`, object ETag). */
  readonly version: string;
}

/** How one workspace's stored pieces are named in messages, so the user can find them. */
export interface StorageNames {
  /** The snapshot: `"state/terraform.tfstate"`, `workspace "dev" in table s.states`. */
  readonly snapshot: string;
  /** The previous snapshot, kept by every replace. */
  readonly backup: string;
  /** What to run to put the backup back over a damaged snapshot (a shell command, SQL). */
  readonly restore: string;
  /** The journal. */
  readonly journal: string;
  /** `Path` of the lock info: Terraform's value for this backend (`state/terraform.tfstate`, `bucket/key`). */
  readonly lockPath: string;
}

/** `putSnapshot` found another version than the one it was given: someone else wrote meanwhile. */
export class SnapshotConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotConflict';
  }
}

/**
 * Who holds a lock, as a lock store sees it.
 *
 * When implementing: report `idleMs` only where a holder's lock outlives it (a file or an object left
 * by a killed run) and the holder refreshes it (`LockStore.heartbeat`); set `sessionBound` where the
 * lock goes away with its holder by itself (a database session), so the policy never breaks it.
 */
export interface LockHolder {
  /** The holder's lock info; undefined when the lock cannot be read (being written, damaged). */
  readonly info: LockInfo | undefined;
  /** Milliseconds since the holder last showed it is alive. */
  readonly idleMs?: number;
  /** True when the lock ends with its holder's session (never left behind, never broken by age or PID). */
  readonly sessionBound?: boolean;
  /** Why the holder is shown the way it is when it is not minitf (`PostgreSQL session 123 …`), for messages. */
  readonly foreign?: string;
}

/**
 * The lock of one workspace: a mechanism only. Waiting, `-lock-timeout`, breaking abandoned locks
 * and force-unlock checks are the policy's (`lockwait.ts`).
 */
export interface LockStore {
  /** Takes the lock holding `info` when it is free, atomically; false when it is held (`holder` says by whom). */
  tryLock(info: LockInfo): Promise<boolean>;
  /** The current holder, or undefined when the lock is free. */
  holder(): Promise<LockHolder | undefined>;
  /** Shows that the holder of `info` is alive (called every `heartbeatMs` while held). */
  heartbeat?(info: LockInfo): Promise<void>;
  /** How often `heartbeat` is called (default 5 s). */
  readonly heartbeatMs?: number;
  /** Releases the lock if it is still held under `info.ID`; a no-op otherwise. */
  unlock(info: LockInfo): Promise<void>;
  /**
   * Ends `holder`'s lock whoever holds it (force-unlock, or an abandoned lock), only if it is still
   * that holder's; true when it did. For a session-bound lock this ends the holder's session.
   */
  breakLock(holder: LockHolder): Promise<boolean>;
}

/**
 * The bytes of one workspace's state: a snapshot with compare-and-swap, a journal of JSON lines, a
 * lock. What the bytes mean (serials, lineages, sealing, replay, group commit, lock waits) is the
 * policy's, in `manager.ts`; a storage never parses them.
 *
 * When implementing: `appendJournal` and `replaceJournal` are called one at a time, never at the same
 * moment as each other, and each must be durable when it resolves; `replaceJournal` must be atomic
 * (a reader sees the old journal or the new one). `putSnapshot` keeps the snapshot it replaces as the
 * backup (`names.backup`).
 */
export interface StateStorage extends Pick<Backend, 'description' | 'localFile' | 'close'> {
  readonly names: StorageNames;
  /** The stored snapshot, or null when there is none. */
  getSnapshot(): Promise<Versioned | null>;
  /** The stored snapshot's version (as `getSnapshot` would give it) without its bytes; null when none. */
  snapshotVersion(): Promise<string | null>;
  /**
   * Replaces the snapshot with `text` if the stored version is still `expected` (null: nothing
   * stored), first keeping the stored snapshot as the backup. Throws SnapshotConflict when the
   * version differs. Resolves with the new version.
   */
  putSnapshot(text: string, expected: string | null): Promise<string>;
  /** The journal's text (complete JSON lines; a torn last line may follow), '' when there is none. */
  readJournal(): Promise<string>;
  /** Appends complete lines; resolves once they are durable. */
  appendJournal(text: string): Promise<void>;
  /** Replaces the whole journal with `text` atomically. */
  replaceJournal(text: string): Promise<void>;
  readonly lock: LockStore;
}

/** What a backend gets to open a workspace's storage. */
export interface StorageContext {
  /** The working directory (after `-chdir`); relative paths are resolved against it. */
  readonly cwd: string;
  readonly workspace: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `-state=PATH`: overrides the state file path (any workspace), for backends that accept it. */
  readonly statePath?: string;
  /** Lock tuning (tests). */
  readonly lock?: LockTuning;
  /** The embedded emulator, in `-emulator` mode: cloud backends without an endpoint of their own use it. */
  readonly emulator?: EmulatorEndpoint;
  /** Where an embedded-mode notice is printed (a bucket the emulator made). */
  readonly notice?: (line: string) => void;
}

/** The embedded emulator's address and key pair. */
export interface EmulatorEndpoint {
  /** `127.0.0.1:PORT`. */
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

/**
 * One backend type: its configuration schema and how to open storage. Adding a backend is a folder
 * exporting one of these and one line in `backends.ts`; nothing else lists backends.
 */
export interface BackendDefinition {
  /** The type name in `backend "NAME" {}`. */
  readonly name: string;
  /** Its arguments, their environment variables and defaults (also `-backend-config` keys). */
  readonly settings: SettingsSchema;
  /**
   * True when the state is shared by a team (sealing then needs `MINITF_STATE_KEY`, since a key file
   * exists on one machine only); false for a state on this machine.
   */
  readonly shared: boolean;
  /** True when `-state=PATH` applies (a local file). */
  readonly acceptsStatePath?: boolean;
  /** The storage of one workspace. Nothing is read, locked or connected yet. */
  open(settings: ResolvedSettings, ctx: StorageContext): Result<StateStorage | undefined>;
  /** The workspaces of this configuration. */
  workspaces(settings: ResolvedSettings, ctx: StorageContext): Result<WorkspaceStore | undefined>;
}
