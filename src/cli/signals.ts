import { EventEmitter } from 'node:events';

const closed = new EventEmitter();
let stdoutClosed = false;
let stderrClosed = false;
let guarded = false;

/** True once the reader of stdout has gone away (`minitf plan | head`): further output is dropped. */
export function stdoutIsClosed(): boolean {
  return stdoutClosed;
}

/** True once the reader of stderr has gone away. */
export function stderrIsClosed(): boolean {
  return stderrClosed;
}

/**
 * Makes a closed stdout or stderr (EPIPE: the reader of a pipe exited) end that stream's output
 * quietly instead of crashing with Node's stack trace, and tells {@link onInterrupt} subscribers, so
 * an apply stops as on Ctrl-C and saves its state. Installed once, for the process's own streams.
 */
export function guardClosedOutput(): void {
  if (guarded) return;
  guarded = true;
  const guard = (stream: NodeJS.WriteStream, mark: () => void) =>
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
      mark();
      closed.emit('closed');
    });
  guard(process.stdout, () => (stdoutClosed = true));
  guard(process.stderr, () => (stderrClosed = true));
}

/**
 * Calls `fn` on each interrupt of the running operation: SIGINT (Ctrl-C), SIGTERM, and the first time
 * stdout or stderr is found closed. While a subscriber exists, those signals no longer end the
 * process. Returns the function that unsubscribes.
 */
export function onInterrupt(fn: () => void): () => void {
  let sawClosed = false;
  const onClosed = () => {
    if (sawClosed) return;
    sawClosed = true;
    fn();
  };
  process.on('SIGINT', fn);
  process.on('SIGTERM', fn);
  closed.on('closed', onClosed);
  return () => {
    process.off('SIGINT', fn);
    process.off('SIGTERM', fn);
    closed.off('closed', onClosed);
  };
}
