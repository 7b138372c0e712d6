import { describe, expect, test } from 'vitest';
import { parseJSON } from '../../src/config/source/json.js';
import { parseYAML } from '../../src/config/source/yaml.js';
import { toPlain } from '../../src/config/source/pnode.js';
import { scanHCL, type ScannedBody } from '../../src/config/hcl/scan.js';
import { hclErrors, labelProblems, parseHCL, precheck } from '../../src/config/hcl/parse.js';
import { hcl2jsonParse, Hcl2jsonUnavailable } from '../../src/config/hcl/worker.js';

describe('JSON reader', () => {
  test('values and key positions', () => {
    const r = parseJSON('f.tf.json', '{\n  "a": [1, true, null],\n  "b": {"c": "x\\u00e9"}\n}');
    expect(r.diagnostics).toEqual([]);
    expect(toPlain(r.value!)).toEqual({ a: [1, true, null], b: { c: 'xé' } });
    const root = r.value!;
    if (root.kind !== 'object') throw new Error('not an object');
    expect(root.entries.map((e) => [e.key, e.keyLoc.line, e.keyLoc.column])).toEqual([
      ['a', 2, 3],
      ['b', 3, 3],
    ]);
  });

  test('duplicate keys are kept in order; __proto__ is an ordinary key', () => {
    const r = parseJSON('f.tf.json', '{"a": 1, "a": 2, "__proto__": {"x": 1}}');
    const root = r.value!;
    if (root.kind !== 'object') throw new Error('not an object');
    expect(root.entries.map((e) => e.key)).toEqual(['a', 'a', '__proto__']);
    const plain = toPlain(root) as Record<string, unknown>;
    expect(Object.keys(plain)).toEqual(['a', '__proto__']);
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
  });

  test.each([
    ['{"a": 1,}', 'Trailing comma in object', 1, 9],
    ['[1,]', 'Trailing comma in array', 1, 4],
    ['{"a" 1}', 'Missing property value colon', 1, 6],
    ['{"a": tru}', 'Invalid JSON keyword', 1, 7],
    ['{"a": 1} x', 'Extraneous data after value', 1, 10],
    ['{"a": "x\n"}', 'Invalid JSON string', 1, 7],
    ['{\n  "a": {', 'Unclosed object', 2, 8],
    ['{a: 1}', 'Invalid object property name', 1, 2],
    ['{"a": 1 "b": 2}', 'Missing attribute seperator comma', 1, 9],
    ['', 'Missing value', 1, 1],
    ['{"a": 1e999}', 'Invalid JSON number', 1, 7],
    ['[' .repeat(300) + ']'.repeat(300), 'Nesting too deep', 1, 202],
    ['{"a": "\\q"}', 'Invalid JSON string', 1, 8],
  ])('%j → %s at %i:%i', (text, summary, line, column) => {
    const r = parseJSON('f.tf.json', text);
    expect(r.value).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', summary, subject: { file: 'f.tf.json', start: { line, column } } });
  });

  test('a byte-order mark is skipped', () => {
    expect(toPlain(parseJSON('f', '\uFEFF{"a":1}').value!)).toEqual({ a: 1 });
  });
});

describe('YAML reader', () => {
  test('positions come from the line counter; aliases are expanded', () => {
    const r = parseYAML('f.tf.yaml', 'a: &x\n  b: 1\nc: *x\nd: "${var.x}"\n');
    expect(r.diagnostics).toEqual([]);
    expect(toPlain(r.value!)).toEqual({ a: { b: 1 }, c: { b: 1 }, d: '${var.x}' });
    const root = r.value!;
    if (root.kind !== 'object') throw new Error('not an object');
    expect(root.entries.map((e) => [e.key, e.keyLoc.line, e.keyLoc.column])).toEqual([
      ['a', 1, 1],
      ['c', 3, 1],
      ['d', 4, 1],
    ]);
  });

  test.each([
    ['a: [1, 2\nb: 3\n', 'Invalid YAML syntax'],
    ['a: 1\n\t- b\n', 'Invalid YAML syntax'],
    ['? [1]\n: 2\n', 'Invalid YAML key'],
    ['a: .inf\n', 'Invalid number'],
    ['---\na: 1\n---\nb: 2\n', 'Invalid YAML syntax'],
    ['a: *nope\n', 'Invalid YAML syntax'],
    ['a: !custom x\n', 'Unsupported YAML tag'],
  ])('%j → %s', (text, summary) => {
    const r = parseYAML('f.tf.yaml', text);
    expect(r.value).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ summary, subject: { file: 'f.tf.yaml' } });
    expect(r.diagnostics[0]!.subject!.start.line).toBeGreaterThan(0);
  });

  test('alias bombs stay cheap', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const r = parseYAML('f.tf.yaml', lines.join('\n') + '\n');
    expect(r.diagnostics.map((d) => d.summary)).toContain('YAML document too large');
  });

  test('an empty file is an empty configuration', () => {
    expect(toPlain(parseYAML('f.tf.yaml', '# nothing\n').value!)).toEqual({});
  });
});

function outline(b: ScannedBody, ind = ''): string[] {
  return [...b.attrs.map((a) => `${ind}${a.name}@${a.loc.line}:${a.loc.column}`), ...b.blocks.flatMap((k) => [`${ind}${k.header}@${k.loc.line}:${k.loc.column}`, ...outline(k.body, ind + '  ')])];
}

describe('HCL structure scanner', () => {
  test('blocks, labels and arguments with positions, skipping expressions', () => {
    const text = [
      'resource "t" "n" { # comment {',
      '  a = "x ${var.y} }" // }',
      '  b = {',
      '    c = [1, 2]',
      '  }',
      '  h = <<EOT',
      '  d = "not an argument"',
      '  EOT',
      '  /* e = 1 } */',
      '  timeouts { create = "1m" }',
      '  dynamic "x" {',
      '    content {',
      '      z = 1',
      '    }',
      '  }',
      '}',
      'locals {',
      '  "quoted" = 1',
      '  q = "${ {"k" = "}"}["k"] }"',
      '}',
    ].join('\n');
    expect(outline(scanHCL(text))).toEqual([
      'resource "t" "n"@1:1',
      '  a@2:3',
      '  b@3:3',
      '  h@6:3',
      '  timeouts@10:3',
      '    create@10:14',
      '  dynamic "x"@11:3',
      '    content@12:5',
      '      z@13:7',
      'locals@17:1',
      '  q@19:3',
    ]);
  });

  test.each(['', '}}}', '"unterminated', '<<EOT\nno end', 'a = [[[[', 'x = "${"', '\u0000\uFFFF', 'a "b" "c'])('terminates on %j', (text) => {
    expect(() => scanHCL(text)).not.toThrow();
  });

  test('wrong label counts', () => {
    const scanned = scanHCL('resource "a" {\n}\ndata "x" "y" "z" {\n}\nlocals "l" {\n}\nprovider "p" {\n}\n');
    expect(labelProblems('m.tf', scanned).map((d) => [d.summary, d.subject?.start.line])).toEqual([
      ['Missing name for resource', 1],
      ['Extraneous label for data', 3],
      ['Extraneous label for locals', 5],
    ]);
  });
});

describe('hcl2json', () => {
  test('several errors in one message become one diagnostic each, with positions', () => {
    const msg = 'parse config: [m.tf:5,20-6,1: Invalid multi-line string; Quoted strings may not be split over multiple lines. m.tf:2,7-3,1: Invalid expression; Expected the start of an expression, but found an invalid expression token.]';
    expect(hclErrors('m.tf', msg, { attrs: [], blocks: [] }).map((d) => [d.summary, d.subject?.start.line, d.subject?.start.column, d.subject?.end?.line, d.detail])).toEqual([
      ['Invalid multi-line string', 5, 20, 6, 'Quoted strings may not be split over multiple lines.'],
      ['Invalid expression', 2, 7, 3, 'Expected the start of an expression, but found an invalid expression token.'],
    ]);
  });

  test('a conversion error points at the block it names', () => {
    const scanned = scanHCL('resource "a" "b" {\n}\nresource "a" {\n}\n');
    const d = hclErrors('m.tf', 'convert to HCL: convert file: convert body: convert block: invalid HCL detected for "a" block, cannot have blocks with and without labels', scanned);
    expect(d.map((x) => [x.summary, x.subject?.start.line])).toEqual([['Missing name for resource', 3]]);
  });

  test('parse: positions of blocks and arguments', async () => {
    const r = await parseHCL('m.tf', 'variable "v" {\n  default = 1\n}\n');
    expect(r.diagnostics).toEqual([]);
    expect(toPlain(r.value!)).toEqual({ variable: { v: [{ default: 1 }] } });
  });

  test.each([
    ['x = 1e-100000\n', 'Number literal too large'],
    ['x = ' + '9'.repeat(500) + '\n', 'Number literal too large'],
    ['x = ' + '['.repeat(200) + ']'.repeat(200) + '\n', 'Nesting too deep'],
  ])('prechecks refuse pathological input (%#)', (text, summary) => {
    expect(precheck('m.tf', text).map((d) => d.summary)).toEqual([summary]);
  });

  test('a stuck parse times out and the next one works', async () => {
    // hcl2json spends seconds on this literal (the loader's precheck refuses it before parsing).
    await expect(hcl2jsonParse('m.tf', 'x = 1e50000\n', 50)).rejects.toBeInstanceOf(Hcl2jsonUnavailable);
    await expect(hcl2jsonParse('m.tf', 'x = 2\n')).resolves.toEqual({ x: 2 });
  });
});
