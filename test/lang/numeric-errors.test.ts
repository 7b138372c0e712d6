import { describe, expect, test } from 'vitest';
import { run, scopeOf } from './helpers.js';

// Terraform 1.11.4's diagnostics for results that are not numbers and other edge cases of the
// function library, as `terraform console` printed them (where Terraform itself panics, minitf
// gives the same summary with a sentence of its own).
const CASES: [string, string, string][] = [
  ['0/0', 'Operation failed', "Error during operation: can't divide zero by zero or infinity by infinity."],
  ['(1/0) / (1/0)', 'Operation failed', "Error during operation: can't divide zero by zero or infinity by infinity."],
  ['(1/0) - (1/0)', 'Operation failed', "Error during operation: can't subtract infinity from itself."],
  ['(1/0) + (-1/0)', 'Operation failed', "Error during operation: can't compute sum of opposing infinities."],
  ['(1/0) * 0', 'Operation failed', "Error during operation: can't multiply zero by infinity."],
  ['5 % (1/0)', 'Operation failed', "Error during operation: can't use modulo with zero and infinity."],
  ['1 < 0/0', 'Operation failed', "Error during operation: can't divide zero by zero or infinity by infinity."],
  ['log(-1, 10)', 'Error in function call', 'Call to function "log" failed: the logarithm of a negative number is not a number.'],
  ['log(1, 1)', 'Error in function call', 'Call to function "log" failed: the result is not a number.'],
  ['pow(-8, 0.5)', 'Error in function call', 'Call to function "pow" failed: the result is not a number.'],
  ['sum([1/0, -1/0])', 'Error in function call', 'Call to function "sum" failed: can\'t compute sum of opposing infinities.'],
  ['jsonencode(1/0)', 'Error in function call', 'Call to function "jsonencode" failed: cannot serialize infinity as JSON.'],
  ['yamldecode("*a")', 'Error in function call', 'Call to function "yamldecode" failed: reference to undefined anchor "a".'],
  ['timeadd("2020-01-01T00:00:00Z", "1x")', 'Error in function call', 'Call to function "timeadd" failed: time: unknown unit "x" in duration "1x".'],
  ['timeadd("2020-01-01T00:00:00Z", "2562048h")', 'Error in function call', 'Call to function "timeadd" failed: time: invalid duration "2562048h".'],
  ['regex("(?=a)", "a")', 'Invalid function argument', 'Invalid value for "pattern" parameter: invalid regexp pattern: invalid or unsupported Perl syntax in (?=.'],
  ['regex("x{1001}", "a")', 'Invalid function argument', 'Invalid value for "pattern" parameter: invalid regexp pattern: invalid repeat count in {1001}.'],
  ['indent(4294967296, "")', 'Error in function call', 'Call to function "indent" failed: the result would be too large to hold in memory.'],
];

const VALUES: [string, unknown][] = [
  ['1/0', Infinity],
  ['log(0, 10)', -Infinity],
  ['log(16, 2)', 4],
  ['(1/0) % 0', Infinity],
  ['pow(-1, 1/0)', 1],
  ['pow(1, 1/0)', 1],
  ['pow(10, 1000)', Infinity],
  ['can(log(-1, 10))', false],
  ['try(0/0, 7)', 7],
  ['timeadd("2020-01-01T00:00:00Z", "1.5h")', '2020-01-01T01:30:00Z'],
];

describe('numbers that are not numbers, and other function edge cases', () => {
  test.each(CASES)('%s', (expr, summary, detail) => {
    const r = run(expr, scopeOf({}));
    expect(r.diagnostics.map((d) => [d.summary, d.detail])).toEqual([[summary, detail]]);
  });

  test.each(VALUES)('%s', (expr, want) => {
    const r = run(expr, scopeOf({}));
    expect(r.diagnostics).toEqual([]);
    const v = r.value as unknown as { v: unknown };
    expect(typeof v.v === 'object' && v.v !== null ? Number(String(v.v)) : v.v).toEqual(want);
  });

  test('an expression nested too deeply for the stack is a diagnostic', () => {
    const r = run(Array(30000).fill('1').join(' + '), scopeOf({}));
    expect(r.diagnostics.map((d) => d.summary)).toEqual(['Expression too deeply nested']);
    expect(r.diagnostics[0]!.subject?.file).toBe('test.tf');
  });
});
