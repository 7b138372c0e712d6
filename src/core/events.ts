import { formatInstance, formatModule, type ResourceInstanceAddr } from '../addrs/index.js';
import type { ApplyListener as ViewListener, ApplyTarget } from '../plans/progress.js';

/**
 * What the engine reports as it works (refreshes, imports, apply operations with handler progress):
 * the views' listener interface (`plans/progress.ts`), every method optional for the engine's callers.
 */
export type ApplyListener = Partial<ViewListener>;

/** The event target of a resource instance (or one of its deposed objects). */
export function target(addr: ResourceInstanceAddr, deposed?: string): ApplyTarget {
  return {
    module: formatModule(addr.module),
    mode: addr.mode,
    type: addr.type,
    name: addr.name,
    ...(addr.key !== undefined ? { index: addr.key } : {}),
    address: formatInstance(addr),
    ...(deposed ? { deposed } : {}),
  };
}
