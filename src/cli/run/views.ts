import { getSchema } from '../../schema/index.js';
import type { SchemaLookup } from '../../plans/schema.js';
import type { ApplyListener, HookEvent } from '../../core/index.js';
import { formatElapsed } from '../../core/duration.js';
import type { Streams } from '../io.js';

/** The schema lookup the plan renderers use: resource and data source schemas from `schemas/`. */
export const schemaLookup: SchemaLookup = (mode, type) => getSchema(mode === 'managed' ? 'resource' : 'data', type);

const verbs: Record<string, [string, string, string]> = {
  create: ['Creating...', 'Still creating...', 'Creation complete'],
  update: ['Modifying...', 'Still modifying...', 'Modifications complete'],
  delete: ['Destroying...', 'Still destroying...', 'Destruction complete'],
  read: ['Reading...', 'Still reading...', 'Read complete'],
};

/**
 * Terraform's plain progress lines on stdout (`ADDR: Creating...`, `ADDR: Still creating... [10s
 * elapsed]` every 10 s, `ADDR: Creation complete after 2s [id=X]`), with a handler's own progress
 * added to the "Still" lines (`[10s elapsed, 42%]`).
 */
export function plainProgress(streams: Streams, intervalMs = 10_000): ApplyListener & { close(): void } {
  const timers = new Map<string, { timer: NodeJS.Timeout; started: number; last?: HookEvent }>();
  const name = (e: HookEvent) => (e.deposed ? `${e.address} (deposed object ${e.deposed})` : e.address);
  const key = (e: HookEvent) => `${e.address}|${e.deposed ?? ''}|${e.action}`;
  const stop = (e: HookEvent) => {
    const t = timers.get(key(e));
    if (t) clearInterval(t.timer);
    timers.delete(key(e));
  };
  return {
    refreshStart: (e) => streams.out(`${name(e)}: Refreshing state...${e.id ? ` [id=${e.id}]` : ''}\n`),
    importStart: (e) => streams.out(`${name(e)}: Preparing import... [id=${e.id ?? ''}]\n`),
    applyStart: (e) => {
      const v = verbs[e.action];
      if (!v) return;
      const idPart = (e.action === 'update' || e.action === 'delete') && e.id ? ` [id=${e.id}]` : '';
      streams.out(`${name(e)}: ${v[0]}${idPart}\n`);
      const started = Date.now();
      const entry: { timer: NodeJS.Timeout; started: number; last?: HookEvent } = {
        started,
        timer: setInterval(() => {
          const el = formatElapsed(Date.now() - started);
          const pct = entry.last?.percent !== undefined ? `, ${entry.last.percent}%` : '';
          const idp = (e.action === 'update' || e.action === 'delete') && e.id ? `id=${e.id}, ` : '';
          streams.out(`${name(e)}: ${v[1]} [${idp}${el} elapsed${pct}]\n`);
        }, intervalMs),
      };
      entry.timer.unref();
      timers.set(key(e), entry);
    },
    applyProgress: (e) => {
      const t = timers.get(key(e));
      if (t) t.last = e;
    },
    applyComplete: (e) => {
      stop(e);
      const v = verbs[e.action];
      if (!v) return;
      const el = formatElapsed(e.elapsedMs ?? 0);
      const idPart = e.action !== 'delete' && e.id ? ` [id=${e.id}]` : '';
      streams.out(`${name(e)}: ${v[2]} after ${el}${idPart}\n`);
    },
    applyErrored: (e) => stop(e),
    close: () => {
      for (const t of timers.values()) clearInterval(t.timer);
      timers.clear();
    },
  };
}
