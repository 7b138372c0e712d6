import { describe, expect, test } from 'vitest';
import { diagnosticJSON, error, renderDiagnostic, warning, wrap } from '../../src/diag/index.js';

const src = new Map([['main.tf', 'resource "t" "n" {\n  x = "é"\n  y = 1\n}\n']]);

describe('human rendering', () => {
  test('summary, position with context, source line, wrapped detail', () => {
    const d = error('Unsupported argument', 'An argument named "y" is not expected here. '.repeat(3).trim(), { subject: { file: 'main.tf', start: { line: 3, column: 3 } }, context: 'resource "t" "n"' });
    expect(renderDiagnostic(d, src)).toBe(
      [
        '',
        'Error: Unsupported argument',
        '',
        '  on main.tf line 3, in resource "t" "n":',
        '   3:   y = 1',
        '',
        'An argument named "y" is not expected here. An argument named "y" is not',
        'expected here. An argument named "y" is not expected here.',
        '',
      ].join('\n'),
    );
  });

  test.each([
    ['top level, no context', { subject: { file: 'main.tf', start: { line: 1, column: 1 } } }, '  on main.tf line 1:\n   1: resource "t" "n" {'],
    ['missing source', { subject: { file: 'gone.tf', start: { line: 2, column: 1 } } }, '  on gone.tf line 2:\n  (source code not available)'],
    ['multi-line subject', { subject: { file: 'main.tf', start: { line: 2, column: 3 }, end: { line: 3, column: 8 } } }, '   2:   x = "é"\n   3:   y = 1'],
    ['end at column 1 of the next line stays one line', { subject: { file: 'main.tf', start: { line: 2, column: 3 }, end: { line: 3, column: 1 } } }, '   2:   x = "é"\n\n'],
    ['address', { address: 'terraform_data.a', subject: { file: 'main.tf', start: { line: 1, column: 1 } } }, '  with terraform_data.a,\n  on main.tf line 1:'],
  ])('%s', (_name, extra, want) => {
    expect(renderDiagnostic(error('S', 'D', extra), src)).toContain(want);
  });

  test('warnings and sourceless diagnostics', () => {
    expect(renderDiagnostic(warning('Careful'))).toBe('\nWarning: Careful\n\n');
  });

  test('wrap keeps indented lines and never splits words', () => {
    expect(wrap('aaa bbb ccc\n  keep   this', 7)).toBe('aaa bbb\nccc\n  keep   this');
  });
});

describe('JSON rendering', () => {
  test('range bytes are UTF-8 offsets; snippet has context, code and highlight', () => {
    const d = error('Bad', undefined, { subject: { file: 'main.tf', start: { line: 3, column: 3 } }, context: 'resource "t" "n"' });
    expect(diagnosticJSON(d, src)).toEqual({
      severity: 'error',
      summary: 'Bad',
      detail: '',
      range: { filename: 'main.tf', start: { line: 3, column: 3, byte: 32 }, end: { line: 3, column: 4, byte: 33 } },
      snippet: { context: 'resource "t" "n"', code: '  y = 1', start_line: 3, highlight_start_offset: 2, highlight_end_offset: 3, values: [] },
    });
  });

  test('without sources the range is kept as given', () => {
    const d = error('Bad', 'x', { address: 'a.b', subject: { file: 'm.tf', start: { line: 1, column: 2, byte: 1 } } });
    expect(diagnosticJSON(d)).toEqual({ severity: 'error', summary: 'Bad', detail: 'x', address: 'a.b', range: { filename: 'm.tf', start: { line: 1, column: 2, byte: 1 }, end: { line: 1, column: 2, byte: 1 } } });
  });
});
