import type { Diagnostic } from '../../diag/index.js';
import type { InstanceKey, ResourceInstanceAddr } from '../../addrs/index.js';
import type { Resource } from '../../config/model.js';
import type { Value } from '../../lang/index.js';
import type { ResourceChange } from '../../plans/model.js';
import type { StateFile } from '../../states/model.js';
import type { ConfigGraph } from '../nodes.js';
import type { EngineContext, PlanOptions } from '../options.js';
import type { ProviderSlot, ProviderSlots } from '../providers.js';
import type { StateIndex } from '../../states/index.js';
import type { Extras, ModuleInstance, World } from '../eval/world.js';
import type { Targeting } from './targets.js';

/** One planned resource instance: everything apply needs to carry it out. */
export interface PlannedInstance {
  readonly addr: ResourceInstanceAddr;
  readonly address: string;
  readonly resource: Resource;
  readonly nodeId: string;
  readonly mi: ModuleInstance;
  readonly key: InstanceKey;
  readonly extras: Extras;
  readonly slot: ProviderSlot;
  readonly providerKey: InstanceKey;
  readonly change: ResourceChange;
  /** The planned new value (unknowns where known only after apply); undefined for deletes. */
  readonly planned?: Value;
  /** An import to perform before the change (import blocks). */
  readonly importId?: string;
  /** The object the import read during plan (recorded in state by apply). */
  readonly imported?: import('../../states/model.js').StateInstance;
}

/** The mutable state of one planning run, shared by the node planners. */
export interface PlanRun {
  readonly ctx: EngineContext;
  readonly opts: PlanOptions;
  readonly graph: ConfigGraph;
  readonly world: World;
  /** The prior state after moves, refreshed as planning goes (the plan's `prior_state`). */
  readonly state: StateIndex;
  /** The prior state before refresh (for drift). */
  readonly original: StateFile;
  readonly providers: ProviderSlots;
  readonly resourceDeps: Map<string, Set<string>>;
  readonly changes: ResourceChange[];
  readonly drift: ResourceChange[];
  readonly planned: Map<string, PlannedInstance>;
  /** New address text → previous address text, from `moved` blocks and implicit moves. */
  readonly movedFrom: Map<string, string>;
  /** Import block targets: address text → ID. */
  readonly imports: Map<string, string>;
  readonly targeting: Targeting;
  readonly diagnostics: Diagnostic[];
  /** Limits concurrent provider calls (refresh, data reads, imports) to `-parallelism`. */
  readonly limit: <T>(fn: () => Promise<T>) => Promise<T>;
}
