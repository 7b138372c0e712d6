import type { StateStorage } from './storage.js';

type Item =
  | { readonly kind: 'lines'; readonly text: string; resolve(): void; reject(e: unknown): void }
  | { readonly kind: 'checkpoint'; readonly text: string; readonly check: () => Promise<void>; resolve(): void; reject(e: unknown): void }
  | { readonly kind: 'exclusive'; readonly run: () => Promise<void>; resolve(): void; reject(e: unknown): void };

/**
 * The journal's write queue, one per backend: appends are group-committed (every line queued while a
 * write is running goes into the next single `appendJournal`), so N parallel operations cost about two
 * storage writes, not N. Items run in the order they were queued.
 *
 * A checkpoint takes its place in that order at the call, but its line is written only once its
 * `check` passes (the stored state is the one the write is based on): a refused write leaves no
 * checkpoint behind, and lines queued after it wait for the check. `exclusive` operations
 * (compaction) run alone, with no append in flight.
 */
export class CommitQueue {
  readonly #storage: StateStorage;
  #items: Item[] = [];
  #running = false;

  constructor(storage: StateStorage) {
    this.#storage = storage;
  }

  /** Queues lines; resolves once they (and everything queued before them) are durable. */
  append(text: string): Promise<void> {
    return this.#push((resolve, reject) => ({ kind: 'lines', text, resolve, reject }));
  }

  /** Queues a checkpoint line, written once `check` resolves; rejects with `check`'s error (nothing written). */
  checkpoint(text: string, check: () => Promise<void>): Promise<void> {
    return this.#push((resolve, reject) => ({ kind: 'checkpoint', text, check, resolve, reject }));
  }

  /** Runs `run` alone, after everything queued before it. */
  exclusive(run: () => Promise<void>): Promise<void> {
    return this.#push((resolve, reject) => ({ kind: 'exclusive', run, resolve, reject }));
  }

  /** Resolves once everything queued so far has run (whether it succeeded or not). */
  drained(): Promise<void> {
    return this.exclusive(async () => {});
  }

  #push(make: (resolve: () => void, reject: (e: unknown) => void) => Item): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#items.push(make(resolve, reject));
      if (!this.#running) {
        this.#running = true;
        // Start after the current synchronous code: calls made in the same tick share the first write.
        queueMicrotask(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    while (this.#items.length) {
      const head = this.#items[0]!;
      if (head.kind === 'exclusive') {
        this.#items.shift();
        await head.run().then(head.resolve, head.reject);
        continue;
      }
      // Everything up to the next exclusive operation is one batch.
      const stop = this.#items.findIndex((i) => i.kind === 'exclusive');
      const batch = this.#items.splice(0, stop < 0 ? this.#items.length : stop) as Exclude<Item, { kind: 'exclusive' }>[];
      const written: Exclude<Item, { kind: 'exclusive' }>[] = [];
      for (const item of batch) {
        if (item.kind === 'checkpoint') {
          try {
            await item.check();
          } catch (e) {
            item.reject(e);
            continue;
          }
        }
        written.push(item);
      }
      const text = written.map((i) => i.text).join('');
      try {
        if (text) await this.#storage.appendJournal(text);
      } catch (e) {
        for (const i of written) i.reject(e);
        continue;
      }
      for (const i of written) i.resolve();
    }
    this.#running = false;
  }
}
