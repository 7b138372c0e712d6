import { createHash, randomUUID } from 'node:crypto';
import { str } from '../values/value.js';
import { S } from './helpers.js';
import { register } from './registry.js';
import { FuncError, p, type FuncDef } from './types.js';

const hash = (alg: string, enc: 'hex' | 'base64'): FuncDef => ({
  params: [p('str', 'string')],
  returns: 'string',
  impl: ([s]) => str(createHash(alg).update(S(s!), 'utf8').digest(enc)),
});

const NAMESPACES: Record<string, string> = {
  dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
  oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
  x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
};

function uuidV5(ns: string, name: string): string {
  const nsId = NAMESPACES[ns] ?? ns;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(nsId)) {
    throw new FuncError(`uuidv5() doesn't support namespace ${ns}`);
  }
  const bytes = createHash('sha1').update(Buffer.from(nsId.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

register({
  md5: hash('md5', 'hex'),
  sha1: hash('sha1', 'hex'),
  sha256: hash('sha256', 'hex'),
  sha512: hash('sha512', 'hex'),
  base64sha256: hash('sha256', 'base64'),
  base64sha512: hash('sha512', 'base64'),
  uuid: { params: [], returns: 'string', impure: true, impl: () => str(randomUUID()) },
  uuidv5: { params: [p('namespace', 'string'), p('name', 'string')], returns: 'string', impl: ([a, b]) => str(uuidV5(S(a!), S(b!))) },
});
