import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { allSchemas, schemasDir, type JsonSchemaNode } from './load.js';

type Json = Record<string, unknown>;

const EXPR: Json = { type: 'string', pattern: '\\$\\{', description: 'An expression: "${var.x}", "${alicloud_vpc.default.id}".' };
const TRAVERSAL: Json = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z_][A-Za-z0-9_-]*|\\[[^\\]]+\\])*$' };
const COMMENT: Json = { description: 'A comment; ignored.' };

/** One block or a list of them (Terraform's JSON syntax accepts both). */
function oneOrMany(body: Json): Json {
  return { anyOf: [body, { type: 'array', items: body }] };
}

/** A body object: the given properties plus `//` comments, nothing else. */
function body(properties: Json, required: string[] = [], description?: string): Json {
  return { type: 'object', ...(description ? { description } : {}), properties: { '//': COMMENT, ...properties }, ...(required.length ? { required } : {}), additionalProperties: false };
}

/** A property schema for the config form: the type schema's constraints without minitf keywords, or an expression. */
function loose(p: JsonSchemaNode): Json {
  const strip = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.map(strip);
    if (n && typeof n === 'object') {
      const out: Json = {};
      for (const [k, v] of Object.entries(n)) if (!k.startsWith('x-') && k !== 'readOnly' && k !== 'default') out[k] = strip(v);
      return out;
    }
    return n;
  };
  const strict = strip(p) as Json;
  const description = strict.description;
  delete strict.description;
  return { ...(description ? { description } : {}), anyOf: [strict, { $ref: '#/definitions/expression' }] };
}

function typeBody(raw: JsonSchemaNode, meta: Json): Json {
  const props: Json = {};
  for (const [name, p] of Object.entries(raw.properties ?? {})) {
    if (p.readOnly) continue;
    const nesting = p['x-block'];
    if (nesting) {
      const inner = nesting === 'list' ? (p.items ?? {}) : p;
      const innerBody = typeBody(inner, {});
      props[name] = { ...(p.description ? { description: p.description } : {}), ...oneOrMany(innerBody) };
    } else props[name] = loose(p);
  }
  return body({ ...props, ...meta }, [...(raw.required ?? [])], raw.description);
}

const lifecycle = body({
  create_before_destroy: { type: 'boolean' },
  prevent_destroy: { type: 'boolean' },
  ignore_changes: { anyOf: [{ const: 'all' }, { type: 'array', items: TRAVERSAL }] },
  replace_triggered_by: { type: 'array', items: { type: 'string' } },
  precondition: oneOrMany({ $ref: '#/definitions/condition' }),
  postcondition: oneOrMany({ $ref: '#/definitions/condition' }),
});

const metaDefinitions: Json = {
  count: { anyOf: [{ type: 'integer', minimum: 0 }, { $ref: '#/definitions/expression' }], description: 'How many instances to create.' },
  for_each: { anyOf: [{ type: 'object' }, { type: 'array', items: { type: 'string' } }, { $ref: '#/definitions/expression' }], description: 'One instance per map key or set element.' },
  provider: { ...TRAVERSAL, description: 'Provider configuration to use: "alicloud.hz".' },
  depends_on: { type: 'array', items: TRAVERSAL, description: 'Explicit dependencies: ["alicloud_vpc.default"].' },
  lifecycle: oneOrMany(lifecycle),
  dynamic: { type: 'object', additionalProperties: oneOrMany({ $ref: '#/definitions/dynamic' }) },
};
const ref = (name: string): Json => ({ $ref: `#/definitions/${name}` });
const resourceMeta: Json = Object.fromEntries(Object.keys(metaDefinitions).map((k) => [k, ref(k)]));

/**
 * Builds `schemas/config.schema.json`: the JSON Schema of the JSON/YAML configuration form (Terraform's
 * JSON syntax), with per-type argument completion for every known resource, data source and provider,
 * so yaml-language-server and JSON editors can complete and check configurations.
 */
export function buildConfigSchema(): Json {
  const resources: Json = {};
  const datas: Json = {};
  const providers: Json = {};
  const typeDefinitions: Json = {};
  for (const [key, { raw }] of allSchemas()) {
    const [kind, type] = key.split(':') as [string, string];
    const def = `${kind}.${type}`;
    if (kind === 'provider') typeDefinitions[def] = typeBody(raw, { alias: { type: 'string' }, for_each: resourceMeta.for_each });
    else typeDefinitions[def] = typeBody(raw, resourceMeta);
    if (kind === 'resource') resources[type] = { type: 'object', additionalProperties: oneOrMany(ref(def)) };
    else if (kind === 'data') datas[type] = { type: 'object', additionalProperties: oneOrMany(ref(def)) };
    else providers[type] = oneOrMany(ref(def));
  }
  const anyBody = { type: 'object' };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://minitf.dev/schemas/config.schema.json',
    title: 'minitf configuration (JSON and YAML form)',
    description: 'Terraform\'s JSON configuration syntax, used by *.tf.json and *.tf.yaml files. Strings may hold "${…}" expressions.',
    type: 'object',
    properties: {
      '//': COMMENT,
      terraform: oneOrMany(
        body({
          required_version: { type: 'string' },
          required_providers: oneOrMany({
            type: 'object',
            additionalProperties: { anyOf: [{ type: 'string' }, body({ source: { type: 'string' }, version: { type: 'string' } })] },
          }),
          backend: {
            type: 'object',
            properties: { local: oneOrMany(body({ path: { type: 'string' }, workspace_dir: { type: 'string' } })), pg: oneOrMany(body({ conn_str: { type: 'string' }, schema_name: { type: 'string' } })) },
            additionalProperties: false,
          },
        }),
      ),
      provider: { type: 'object', properties: { '//': COMMENT, ...providers }, additionalProperties: oneOrMany(anyBody) },
      resource: { type: 'object', properties: { '//': COMMENT, ...resources }, additionalProperties: { type: 'object', additionalProperties: oneOrMany(anyBody) } },
      data: { type: 'object', properties: { '//': COMMENT, ...datas }, additionalProperties: { type: 'object', additionalProperties: oneOrMany(anyBody) } },
      variable: {
        type: 'object',
        additionalProperties: oneOrMany(
          body({
            type: { type: 'string', description: 'Type constraint: "string", "list(string)", "map(number)", …' },
            default: {},
            description: { type: 'string' },
            sensitive: { type: 'boolean' },
            nullable: { type: 'boolean' },
            validation: oneOrMany({ $ref: '#/definitions/condition' }),
          }),
        ),
      },
      locals: oneOrMany({ type: 'object' }),
      output: {
        type: 'object',
        additionalProperties: oneOrMany(
          body({ value: {}, description: { type: 'string' }, sensitive: { type: 'boolean' }, depends_on: resourceMeta.depends_on, precondition: oneOrMany({ $ref: '#/definitions/condition' }) }, ['value']),
        ),
      },
      module: {
        type: 'object',
        additionalProperties: oneOrMany({
          type: 'object',
          properties: {
            source: { type: 'string', pattern: '^\\.\\.?/', description: 'Local path of the module: "./modules/pool".' },
            count: resourceMeta.count,
            for_each: resourceMeta.for_each,
            depends_on: resourceMeta.depends_on,
            providers: { type: 'object', additionalProperties: TRAVERSAL },
          },
          required: ['source'],
        }),
      },
      import: oneOrMany(body({ to: TRAVERSAL, id: { type: 'string' }, provider: resourceMeta.provider, for_each: resourceMeta.for_each }, ['to', 'id'])),
      moved: oneOrMany(body({ from: TRAVERSAL, to: TRAVERSAL }, ['from', 'to'])),
      removed: oneOrMany(body({ from: TRAVERSAL, lifecycle: oneOrMany(body({ destroy: { type: 'boolean' } })) }, ['from'])),
      check: {
        type: 'object',
        additionalProperties: oneOrMany(body({ data: { type: 'object' }, assert: oneOrMany({ $ref: '#/definitions/condition' }) })),
      },
    },
    additionalProperties: false,
    definitions: {
      ...metaDefinitions,
      ...typeDefinitions,
      expression: EXPR,
      condition: body({ condition: { anyOf: [{ type: 'boolean' }, EXPR] }, error_message: { type: 'string' } }, ['condition', 'error_message']),
      dynamic: body({ for_each: {}, iterator: { type: 'string' }, labels: { type: 'array' }, content: { type: 'object' } }, ['for_each', 'content']),
    },
  };
}

/** The text written to `schemas/config.schema.json`. */
export function configSchemaText(): string {
  return JSON.stringify(buildConfigSchema(), null, 2) + '\n';
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(join(schemasDir(), 'config.schema.json'), configSchemaText());
}
