import { parse } from '@cdktf/hcl2json';
import { describe, expect, test } from 'vitest';
import { compileJSON, evaluate, fromJSON, parseTemplate, toJSON, typeOf } from '../../src/lang/index.js';
import { run, scopeOf } from './helpers.js';

const scope = scopeOf({ xs: ['a', 'b'], on: true, z: 'Z', name: 'web', n: 3 });
const origin = { file: 'main.tf', line: 1, column: 1 };

// Expected strings were produced by `terraform console` (Terraform 1.11.4).
describe('native templates: directives and strip markers', () => {
  test.each<[string, string]>([
    ['"%{ for i, x in ["a", "b"] }${i}=${x};%{ endfor }"', '0=a;1=b;'],
    ['"%{ for k, v in {b = 2, a = 1} }${k}${v}%{ endfor }"', 'a1b2'],
    ['"a %{~ if false } yes %{~ else ~} no %{~ endif ~} b"', 'anob'],
    ['"[%{ for x in [1, 2, 3] ~} ${x} %{~ endfor }]"', '[123]'],
    ['"x${~ "  y  " ~}z"', 'x  y  z'],
    ['"%{ if 1 == 1 }one%{ endif }%{ if "true" }two%{ endif }"', 'onetwo'],
    ['"100%% $$"', '100%% $$'],
    ['"${"a"}${1}${true}"', 'a1true'],
    ['"%{ for x in [] }never%{ endfor }empty"', 'empty'],
    ['"$${not} %%{not}"', '${not} %{not}'],
    ['<<-EOT\n    %{ if true ~}\n    yes\n    %{ endif ~}\n    EOT', '    yes\n'],
    ['<<-EOT\n  %{~ for x in ["a", "b"] }\n  - ${x}\n  %{~ endfor }\n  EOT', '\n  - a\n\n  - b\n\n'],
    ['<<EOT\n%{for x in [1, 2]}line ${x}\n%{endfor}\nEOT', 'line 1\nline 2\n\n'],
  ])('%s', (src, want) => {
    const r = run(src, scope);
    expect(r.diagnostics).toEqual([]);
    expect(toJSON(r.value)).toBe(want);
  });
});

describe('template text (JSON, YAML and hcl2json strings)', () => {
  test.each<[string, unknown]>([
    ['plain', 'plain'],
    ['${var.n}', 3],
    ['${var.xs}', ['a', 'b']],
    ['n=${var.n}', 'n=3'],
    ['%{for x in var.xs}- ${x}\n%{endfor}', '- a\n- b\n'],
    ['q-%{if var.on}on%{else}off%{endif}', 'q-on'],
    ['$${literal} and "quotes" and \\ backslash', '${literal} and "quotes" and \\ backslash'],
    ['line1\nline2 ${var.z}', 'line1\nline2 Z'],
    // Checked with templatefile() in Terraform 1.11.4: strip markers reach only the same line's text.
    ['%{ for x in var.xs ~}\n  ${x}\n%{ endfor ~}', '  a\n  b\n'],
    ['A\n\n  %{~ if true }B%{ endif }', 'A\n\nB'],
  ])('%j', (src, want) => {
    const p = parseTemplate(src, origin);
    expect(p.diagnostics).toEqual([]);
    const r = evaluate(p.value, scope);
    expect(r.diagnostics).toEqual([]);
    expect(toJSON(r.value)).toEqual(want);
  });

  test('a lone interpolation keeps its type', () => {
    const r = evaluate(compileJSON({ a: '${var.n}', b: 'x${var.n}' }, origin).value, scope);
    expect(typeOf(r.value)).toEqual(['object', { a: 'number', b: 'string' }]);
  });
});

describe('hcl2json output evaluates like Terraform', () => {
  const tf = `locals {
  list    = <<-EOT
    %{ for x in var.xs ~}
    - \${x}
    %{ endfor ~}
  EOT
  flag    = "q-%{ if var.on }on%{ else }off%{ endif }"
  heredoc = <<EOT
plain \${var.z} $\${esc}
EOT
  escapes = "tab\\there \\"quoted\\""
  keyed   = { (var.name) = 1, "lit" = var.n }
  number  = 1.5
  nested  = [for x in var.xs : upper(x)]
}
`;
  test('each local', async () => {
    const json = (await parse('main.tf', tf)) as { locals: Record<string, unknown>[] };
    const r = evaluate(compileJSON(json.locals[0], origin).value, scope);
    expect(r.diagnostics).toEqual([]);
    expect(toJSON(r.value)).toEqual({
      list: '    - a\n    - b\n',
      flag: 'q-on',
      heredoc: 'plain Z ${esc}\n',
      escapes: 'tab\there "quoted"',
      keyed: { web: 1, lit: 3 },
      number: 1.5,
      nested: ['A', 'B'],
    });
    void fromJSON;
  });
});
