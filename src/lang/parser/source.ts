import type { Pos, SourceRange } from '../../diag/index.js';
import type { Origin } from '../model.js';

/**
 * A parsed text and where it starts in its file. Offsets inside the text map to file positions: the
 * first line continues the origin's line and column, later lines start at column 1.
 */
export class Source {
  private lineStarts: number[] | undefined;
  constructor(
    readonly text: string,
    readonly origin: Origin,
  ) {}

  /** The file position of an offset in the text. */
  pos(offset: number): Pos {
    if (!this.lineStarts) {
      const ls = [0];
      const t = this.text;
      for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) === 10) ls.push(i + 1);
      this.lineStarts = ls;
    }
    const ls = this.lineStarts;
    let lo = 0;
    let hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ls[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const col = offset - ls[lo]! + 1;
    return lo === 0
      ? { line: this.origin.line, column: this.origin.column + col - 1, byte: offset }
      : { line: this.origin.line + lo, column: col, byte: offset };
  }

  /** The file range of the offsets [start, end). */
  range(start: number, end: number): SourceRange {
    return { file: this.origin.file, start: this.pos(start), end: this.pos(Math.max(start, end)) };
  }
}
