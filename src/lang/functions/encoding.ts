import { createRequire } from 'node:module';

/** The yaml package, loaded on first use of yamldecode/yamlencode. */
let yamlLib: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (yamlLib ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));
import { inferJSON, jsonText } from '../values/json.js';
import { list, object, str, type V } from '../values/value.js';
import { S } from './helpers.js';
import { register } from './registry.js';
import { FuncError, p } from './types.js';
import { yamlText } from './yaml.js';

function base64Decode(s: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) {
    throw new FuncError(`failed to decode base64 data ${JSON.stringify(s)}`);
  }
  const bytes = Buffer.from(s, 'base64');
  const text = new TextDecoder('utf-8', { fatal: true });
  try {
    return text.decode(bytes);
  } catch {
    throw new FuncError('the result of decoding the provided string is not valid UTF-8');
  }
}

/** Parses JSON keeping the last of duplicate keys (as Go does) and reporting errors as FuncError. */
function jsonDecode(s: string): V {
  let j: unknown;
  try {
    j = JSON.parse(s);
  } catch (e) {
    throw new FuncError((e as Error).message.replace(/^JSON\.parse: /, ''));
  }
  return inferJSON(j);
}

/** `jsonText`, refusing infinities as Terraform does (JSON has no infinity). */
function jsonEncode(v: V): string {
  const text = jsonText(v);
  if (/(^|[[,:])[-+]Inf(?=[,\]}]|$)/.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) throw new FuncError('cannot serialize infinity as JSON');
  return text;
}

function yamlDecode(s: string): V {
  const docs = yaml().parseAllDocuments(s, { version: '1.1' });
  const docList = Array.isArray(docs) ? docs : [docs];
  if (docList.length > 1) throw new FuncError('on line 1, column 1: unexpected extra content after value');
  for (const d of docList) {
    if (d.errors.length) throw new FuncError(d.errors[0]!.message.split('\n')[0]!);
  }
  if (docList.length === 0) throw new FuncError('the YAML document is empty');
  let j: unknown;
  try {
    j = docList[0]!.toJS({ maxAliasCount: 1000 }) as unknown;
  } catch (e) {
    // An alias to an anchor that is not defined (`*a`): the yaml package throws here, not in parsing.
    if (!(e instanceof ReferenceError)) throw e;
    const alias = /alias[^:]*: (.*)$/.exec(e.message)?.[1];
    throw new FuncError(alias !== undefined ? `reference to undefined anchor ${JSON.stringify(alias)}` : e.message);
  }
  return inferJSON(j);
}

function csvDecode(s: string): V {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = (): void => {
    row.push(field);
    field = '';
  };
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === ',') { endField(); i++; continue; }
    if (c === '\n' || c === '\r') {
      endField();
      rows.push(row);
      row = [];
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += c;
    i++;
  }
  if (quoted) throw new FuncError('extraneous or missing " in quoted-field');
  if (field !== '' || row.length) {
    endField();
    rows.push(row);
  }
  if (rows.length === 0) throw new FuncError('missing header line');
  const header = rows[0]!;
  const out = rows.slice(1).map((r, ln) => {
    if (r.length !== header.length) throw new FuncError(`record on line ${ln + 2}: wrong number of fields`);
    return object(header.map((h, j) => [h, str(r[j]!)] as [string, V]));
  });
  const ety = object(header.map((h) => [h, str('')] as [string, V])).t;
  return list(ety, out);
}

register({
  base64encode: { params: [p('str', 'string')], returns: 'string', impl: ([s]) => str(Buffer.from(S(s!), 'utf8').toString('base64')) },
  base64decode: { params: [p('str', 'string')], returns: 'string', impl: ([s]) => str(base64Decode(S(s!))) },
  textencodebase64: {
    params: [p('string', 'string'), p('encoding', 'string')],
    returns: 'string',
    impl: ([s, e]) => {
      const enc = S(e!).toLowerCase().replace(/[-_]/g, '');
      const map: Record<string, BufferEncoding> = { utf8: 'utf8', utf16le: 'utf16le', latin1: 'latin1', iso88591: 'latin1', ascii: 'ascii' };
      if (!map[enc]) throw new FuncError(`"${S(e!)}" is not a supported IANA encoding name or alias`);
      return str(Buffer.from(S(s!), map[enc]).toString('base64'));
    },
  },
  textdecodebase64: {
    params: [p('source', 'string'), p('encoding', 'string')],
    returns: 'string',
    impl: ([s, e]) => {
      const enc = S(e!).toLowerCase().replace(/[-_]/g, '');
      const map: Record<string, BufferEncoding> = { utf8: 'utf8', utf16le: 'utf16le', latin1: 'latin1', iso88591: 'latin1', ascii: 'ascii' };
      if (!map[enc]) throw new FuncError(`"${S(e!)}" is not a supported IANA encoding name or alias`);
      return str(Buffer.from(S(s!), 'base64').toString(map[enc]));
    },
  },
  jsonencode: { params: [p('val', 'dynamic', { allowNull: true })], returns: 'string', impl: ([v]) => str(jsonEncode(v!)) },
  jsondecode: { params: [p('str', 'string')], returns: 'dynamic', impl: ([s]) => jsonDecode(S(s!)) },
  yamlencode: { params: [p('value', 'dynamic', { allowNull: true })], returns: 'string', impl: ([v]) => str(yamlText(v!)) },
  yamldecode: { params: [p('src', 'string')], returns: 'dynamic', impl: ([s]) => yamlDecode(S(s!)) },
  csvdecode: { params: [p('str', 'string')], returns: 'dynamic', impl: ([s]) => csvDecode(S(s!)) },
  urlencode: {
    params: [p('str', 'string')],
    returns: 'string',
    impl: ([s]) => str(encodeURIComponent(S(s!)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+').replace(/~/g, '~')),
  },
});
