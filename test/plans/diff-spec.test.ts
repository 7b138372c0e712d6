import { describe, expect, test } from 'vitest';
import { renderResourceChange } from '../../src/plans/human.js';
import { resourceDiff } from '../../src/plans/changes.js';
import type { ResourceChange } from '../../src/plans/model.js';
import type { BlockSchema, SchemaLookup } from '../../src/plans/schema.js';

/** A provider-style schema: typed attributes, a sensitive one, a list block and a set block. */
const thing: BlockSchema = {
  attributes: {
    id: { type: 'string' },
    name: { type: 'string' },
    size: { type: 'number' },
    password: { type: 'string', sensitive: true },
    labels: { type: ['map', 'string'] },
    zones: { type: ['list', 'string'] },
  },
  blocks: {
    rule: { nesting: 'list', attributes: { port: { type: 'number' }, proto: { type: 'string' } }, blocks: {} },
  },
};
const schemas: SchemaLookup = (mode, type) => (mode === 'managed' && type === 'x_thing' ? thing : undefined);

function change(over: Partial<ResourceChange>): ResourceChange {
  return {
    address: 'x_thing.a',
    module: '',
    mode: 'managed',
    type: 'x_thing',
    name: 'a',
    providerAddr: 'provider["registry.terraform.io/x/x"]',
    actions: ['update'],
    before: null,
    after: null,
    afterUnknown: {},
    beforeSensitive: {},
    afterSensitive: {},
    ...over,
  };
}

const prior = { id: 'i-1', name: 'n', size: 1, password: null, labels: { a: '1', b: '2' }, zones: ['z1'], rule: [{ port: 80, proto: 'tcp' }, { port: 443, proto: 'tcp' }] };
const render = (c: ResourceChange) => renderResourceChange(c, resourceDiff(c, schemas), 'change');

describe('typed attributes and blocks (layout per Terraform 1.11 renderers)', () => {
  test('one block of two changes: blank line before blocks, unchanged blocks counted', () => {
    const after = { ...prior, rule: [{ port: 81, proto: 'tcp' }, { port: 443, proto: 'tcp' }] };
    expect(render(change({ before: prior, after }))).toBe(
      [
        '  # x_thing.a will be updated in-place',
        '  ~ resource "x_thing" "a" {',
        '        id     = "i-1"',
        '        name   = "n"',
        '        # (3 unchanged attributes hidden)',
        '',
        '      ~ rule {',
        '          ~ port  = 80 -> 81',
        '            # (1 unchanged attribute hidden)',
        '        }',
        '',
        '        # (1 unchanged block hidden)',
        '    }',
      ].join('\n'),
    );
  });

  test('maps quote their keys; deleted entries end with -> null; forced replacement is marked', () => {
    const after = { ...prior, name: 'm', labels: { a: '1', c: '3' } };
    const text = render(change({ actions: ['delete', 'create'], actionReason: 'replace_because_cannot_update', before: prior, after, afterUnknown: { id: true }, replacePaths: [['name']] }));
    expect(text).toBe(
      [
        '  # x_thing.a must be replaced',
        '-/+ resource "x_thing" "a" {',
        '      ~ id     = "i-1" -> (known after apply)',
        '      ~ labels = {',
        '          - "b" = "2" -> null',
        '          + "c" = "3"',
        '            # (1 unchanged element hidden)',
        '        }',
        '      ~ name   = "n" -> "m" # forces replacement',
        '        # (2 unchanged attributes hidden)',
        '',
        '        # (2 unchanged blocks hidden)',
        '    }',
      ].join('\n'),
    );
  });

  test('schema-sensitive attributes print (sensitive value); a value becoming sensitive warns', () => {
    const before = { ...prior, password: 'a' };
    const after = { ...prior, password: 'b' };
    expect(render(change({ before, after }))).toContain('      ~ password = (sensitive value)\n');
    const marked = render(change({ before: prior, after: prior, beforeSensitive: {}, afterSensitive: { zones: true } }));
    expect(marked).toContain(
      '      # Warning: this attribute value will be marked as sensitive and will not\n      # display in UI output after applying this change. The value is unchanged.\n      ~ zones  = (sensitive value)\n',
    );
  });

  test('a whole block marked sensitive hides its contents', () => {
    const after = { ...prior, rule: [{ port: 81, proto: 'tcp' }] };
    const text = render(change({ before: prior, after, beforeSensitive: { rule: true }, afterSensitive: { rule: true } }));
    expect(text).toContain('      ~ rule {\n          # At least one attribute in this block is (or was) sensitive,\n          # so its contents will not be displayed.\n        }\n');
  });

  test('legacy schemas treat empty strings as null (no "" -> "x" diff)', () => {
    const text = render(change({ before: { ...prior, name: '' }, after: { ...prior, name: 'x' } }));
    expect(text).toContain('      + name   = "x"\n');
  });

  test('create then forget (removed with destroy = false and a replacement)', () => {
    const text = render(change({ actions: ['create', 'forget'], before: prior, after: { ...prior, id: null }, afterUnknown: { id: true } }));
    expect(text.split('\n').slice(0, 3)).toEqual([
      ' # x_thing.a must be replaced, but the existing object will not be destroyed',
      ' # (destroy = false is set in the configuration)',
      ' +/. resource "x_thing" "a" {',
    ]);
  });
});
