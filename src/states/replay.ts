import type { JournalEvent } from './backend.js';
import { parseMoveEndpoint, StateIndex } from './instances.js';
import type { StateFile } from './model.js';

/**
 * Applies journal events to a state in place, in order: `object` sets an instance's current or
 * deposed object (creating the resource entry from the event's resource ref), `removed` removes one
 * object, `moved` moves an address (ignored when its source is gone, so replaying twice is
 * harmless), `outputs` replaces the root outputs. `intent` and `failed` change nothing. Returns the
 * index used, for callers that go on editing.
 */
export function replayEvents(state: StateFile, events: readonly JournalEvent[], index = new StateIndex(state)): StateIndex {
  for (const e of events) {
    switch (e.t) {
      case 'object':
        index.setObject(e.addr, e.resource.provider, e.instance);
        break;
      case 'removed':
        index.removeObject(e.addr, e.deposed);
        break;
      case 'moved': {
        const from = parseMoveEndpoint(e.from);
        const to = parseMoveEndpoint(e.to);
        if (!('error' in from) && !('error' in to)) index.move(from, to);
        break;
      }
      case 'outputs':
        state.outputs = { ...e.outputs };
        break;
      case 'intent':
      case 'failed':
        break;
    }
  }
  return index;
}
