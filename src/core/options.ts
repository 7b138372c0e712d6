import type { Diagnostic, SourceRange } from '../diag/index.js';
import type { Backend, ResourceRef } from '../states/backend.js';
import type { Config } from '../config/index.js';
import type { StateFile, StateInstance } from '../states/model.js';
import type { ApplyListener } from './events.js';
export type { ApplyListener } from './events.js';

/** A raw variable value from one source, in precedence order (later wins). */
export interface RawVariable {
  readonly name: string;
  /** The text as given (`-var`, env) — parsed per the variable's type — or a JSON value (tfvars). */
  readonly value: { readonly text: string } | { readonly json: unknown };
  readonly source: string;
  /** Where the value stands in a variables file (`terraform.tfvars` line 2), when it came from one. */
  readonly range?: SourceRange;
}

/** What every engine operation needs. */
export interface EngineContext {
  readonly cwd: string;
  readonly config: Config;
  readonly workspace: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Raw variable values in precedence order (env < tfvars < auto.tfvars < -var-file/-var). */
  readonly variables: readonly RawVariable[];
  /** Embedded emulator endpoint and demo credentials, when running in embedded mode. */
  readonly emulator?: { readonly endpoint: string; readonly accessKeyId: string; readonly accessKeySecret: string };
  readonly listener?: ApplyListener;
}

/** Options of `plan` (and the planning half of `apply`). */
export interface PlanOptions {
  readonly mode: 'normal' | 'destroy' | 'refresh-only';
  readonly refresh: boolean;
  readonly targets: readonly string[];
  readonly excludes: readonly string[];
  readonly replace: readonly string[];
  readonly parallelism: number;
  /** The prior state (journal already replayed). */
  readonly state: StateFile | null;
  /**
   * Data sources the prior state already holds are taken from it, not read again (applying a saved
   * plan: its prior state holds what planning read). Default false.
   */
  readonly keepReadData?: boolean;
  /**
   * Leave `check` blocks unevaluated (the planning half of an apply: Terraform reports check results
   * after the apply only). Default false.
   */
  readonly skipChecks?: boolean;
}

/** A create an interrupted earlier apply journaled (intent) but never saw complete. */
export interface PendingCreate {
  readonly token: string;
  readonly argsHash?: string;
  /** The resource entry (type, provider) the create was for. */
  readonly resource?: ResourceRef;
  /** The create's arguments (see the journal's `intent` event). */
  readonly request?: StateInstance;
}

/** Options of `apply`. */
export interface ApplyOptions {
  readonly parallelism: number;
  readonly backend: Backend;
  /** Aborted on the first interrupt: stop scheduling, let in-flight operations finish. */
  readonly stop: AbortSignal;
  /** Aborted on the second interrupt: abort in-flight operations. */
  readonly kill: AbortSignal;
  /** Milliseconds between periodic snapshot writes (default 5000). */
  readonly persistIntervalMs?: number;
  /**
   * ClientTokens of creates that an earlier, interrupted run journaled but never saw complete, by
   * address: the next create of that address reuses the token so the cloud returns the object it
   * already made instead of a second one.
   */
  readonly pendingTokens?: ReadonlyMap<string, PendingCreate>;
  /**
   * Deletes an interrupted earlier run journaled but never saw complete. When the refresh found such
   * an object already gone, apply finishes its delete from the recorded attributes (a handler may
   * still have parts to remove, such as an image's snapshots).
   */
  readonly pendingDeletes?: readonly { readonly addr: string; readonly deposed?: string }[];
}

/** Result of an engine operation. */
export interface Outcome<T> {
  readonly value: T;
  readonly diagnostics: Diagnostic[];
}
