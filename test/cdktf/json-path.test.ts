import { describe, expect, test } from 'vitest';
import { diagnosticContext, diagnosticJSON, error, renderDiagnostic } from '../../src/diag/index.js';
import { jsonPathAt } from '../../src/diag/json-path.js';

/** A stack as CDKTF writes it (two-space indentation, `//` metadata, provider list). */
const TEXT = `{
  "//": {
    "metadata": {
      "stackName": "image-copy"
    }
  },
  "provider": {
    "alicloud": [
      {
        "alias": "sh",
        "region": "cn-shanghai"
      },
      {
        "alias": "hz",
        "region": "cn-hangzhou"
      }
    ]
  },
  "resource": {
    "alicloud_vswitch": {
      "default": {
        "//": {
          "metadata": {
            "path": "image-copy/default_7"
          }
        },
        "provider": "alicloud.hz",
        "security_groups": [
          "\${alicloud_security_group.default.id}",
          "sg-2"
        ],
        "tags": {
          "Finance Dept": "x"
        },
        "zone_id": "\${data.alicloud_zones.default.zones[\\"0\\"].id}"
      }
    }
  }
}
`;

const LINES = TEXT.split('\n');

/** The 1-based line and column of the first occurrence of `needle` (at or after line `from`). */
function find(needle: string, from = 1): [number, number] {
  for (let l = from; l <= LINES.length; l++) {
    const c = LINES[l - 1]!.indexOf(needle);
    if (c >= 0) return [l, c + 1];
  }
  throw new Error(`${needle} not in the text`);
}

describe('jsonPathAt', () => {
  test.each<[string, () => [number, number], string | undefined]>([
    ['the opening brace of the file', () => [1, 1], undefined],
    ['the top-level comment key', () => find('"//"'), '["//"]'],
    ['inside the top-level comment', () => find('"stackName"'), '["//"].metadata.stackName'],
    ['a provider block in a list', () => find('{', find('"alicloud": [')[0] + 1), 'provider.alicloud[0]'],
    ['an argument of the second provider block', () => find('"region"', find('"hz"')[0]), 'provider.alicloud[1].region'],
    ['the value of that argument', () => find('"cn-hangzhou"'), 'provider.alicloud[1].region'],
    ['a resource header key', () => find('"default"'), 'resource.alicloud_vswitch.default'],
    ['the comment inside a resource', () => find('"//"', 20), 'resource.alicloud_vswitch.default["//"]'],
    ['the provider given as a string', () => find('"alicloud.hz"'), 'resource.alicloud_vswitch.default.provider'],
    ['the second element of a list argument', () => find('"sg-2"'), 'resource.alicloud_vswitch.default.security_groups[1]'],
    ['a key that is not an identifier', () => find('"Finance Dept"'), 'resource.alicloud_vswitch.default.tags["Finance Dept"]'],
    ['the key of a CDKTF expression', () => find('"zone_id"'), 'resource.alicloud_vswitch.default.zone_id'],
    ['inside a CDKTF expression with escaped quotes', () => [find('"zone_id"')[0], find('"zone_id"')[1] + 30], 'resource.alicloud_vswitch.default.zone_id'],
    ['the indentation before a key (the enclosing object)', () => [find('"zone_id"')[0], 3], 'resource.alicloud_vswitch.default'],
    ['a line past the end', () => [LINES.length + 5, 1], undefined],
  ])('%s', (_name, where, expected) => {
    const [line, column] = where();
    expect(jsonPathAt(TEXT, line, column)).toBe(expected);
  });

  test.each([
    ['an unterminated string', '{"a": {"b": "x'],
    ['a broken key', '{"a\\q": 1}'],
    ['not JSON at all', 'resource "x" "y" {}'],
  ])('never throws on %s', (_name, text) => {
    expect(() => jsonPathAt(text, 1, text.length)).not.toThrow();
  });
});

describe('diagnostics about a JSON file', () => {
  const [zl, zc] = find('"zone_id"');
  const d = error('Unsupported attribute', 'This object does not have an attribute named "idz".', {
    subject: { file: 'cdk.tf.json', start: { line: zl, column: zc + 11 } },
    context: 'resource "alicloud_vswitch" "default"',
    address: 'alicloud_vswitch.default',
  });
  const sources = new Map([['cdk.tf.json', TEXT]]);

  test('render with the JSON path of the value as their context, with the line and its text', () => {
    const text = renderDiagnostic(d, sources);
    expect(text).toContain(`  on cdk.tf.json line ${zl}, in resource.alicloud_vswitch.default.zone_id:\n`);
    expect(text).toContain(`${String(zl).padStart(4)}: ${LINES[zl - 1]}`);
  });

  test('carry the same path as the snippet context in JSON output', () => {
    const j = diagnosticJSON(d, sources) as { snippet: { context: string } };
    expect(j.snippet.context).toBe('resource.alicloud_vswitch.default.zone_id');
  });

  test.each<[string, string, Map<string, string> | undefined, string | undefined]>([
    ['an HCL file keeps its block header', 'main.tf', new Map([['main.tf', TEXT]]), 'resource "alicloud_vswitch" "default"'],
    ['a JSON file without its text keeps its block header', 'cdk.tf.json', undefined, 'resource "alicloud_vswitch" "default"'],
    ['a JSON file with its text gets the path', 'cdk.tf.json', sources, 'resource.alicloud_vswitch.default.zone_id'],
  ])('context: %s', (_name, file, srcs, expected) => {
    expect(diagnosticContext({ ...d, subject: { ...d.subject!, file } }, srcs)).toBe(expected);
  });
});
