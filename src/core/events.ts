import type { Diagnostic } from '../diag/index.js';

/** Operation kinds that apply and refresh report. */
export type HookAction = 'create' | 'update' | 'delete' | 'read' | 'import' | 'noop';

/** One progress event about a resource instance (or deposed object). */
export interface HookEvent {
  readonly address: string;
  readonly action: HookAction;
  readonly deposed?: string;
  /** The object's ID, when it has one (`[id=…]`). */
  readonly id?: string;
  /** Milliseconds since the operation started (complete/errored/progress). */
  readonly elapsedMs?: number;
  /** Handler-reported progress. */
  readonly percent?: number;
  readonly message?: string;
}

/**
 * Receives what the engine does, as it happens: refreshes, apply operations with their progress, and
 * diagnostics. Views (plain lines, JSON lines, a live TTY view) implement it; every method is optional.
 */
export interface ApplyListener {
  refreshStart?(e: HookEvent): void;
  refreshComplete?(e: HookEvent): void;
  importStart?(e: HookEvent): void;
  importComplete?(e: HookEvent): void;
  applyStart?(e: HookEvent): void;
  applyProgress?(e: HookEvent): void;
  applyComplete?(e: HookEvent): void;
  applyErrored?(e: HookEvent): void;
  diagnostic?(d: Diagnostic): void;
}
