import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  emptyState,
  fixedKeys,
  formatState,
  isSealed,
  Keyring,
  SealError,
  seal,
  sealer,
  StateIndex,
  unseal,
  type StatePathStep,
} from '../../src/states/index.js';
import { TD, tempDir } from './helpers/tmp.js';

const key = fixedKeys(randomBytes(32));
const attr = (name: string): StatePathStep[] => [{ type: 'get_attr', value: name }];

function secretState() {
  const s = emptyState();
  const idx = new StateIndex(s);
  idx.setObject('terraform_data.a', TD.provider, {
    schema_version: 0,
    attributes: { id: 'i-1', input: { value: { user: 'admin', pw: 'hunter2' }, type: ['object', { user: 'string', pw: 'string' }] }, output: { value: 'plain', type: 'string' } },
    sensitive_attributes: [attr('input')],
  });
  idx.setObject('alicloud_instance.web', 'provider["registry.terraform.io/aliyun/alicloud"]', {
    schema_version: 0,
    attributes: { id: 'i-2', password: 's3cr3t-pw', tags: { a: 'x', token: 'tok-999' }, disks: [{ size: 20, kms: 'kms-777' }] },
    sensitive_attributes: [attr('password'), [...attr('tags'), { type: 'index', value: { value: 'token', type: 'string' } }], [...attr('disks'), { type: 'index', value: { value: 0, type: 'number' } }, ...attr('kms')]],
  });
  s.outputs = { pw: { value: ['hunter2'], type: ['tuple', ['string']], sensitive: true }, shown: { value: 'visible', type: 'string' } };
  return s;
}

describe('sealing', () => {
  test('no sensitive value is left in clear text, and unseal restores the state exactly', () => {
    const s = secretState();
    const text = formatState(seal(s, key));
    for (const secret of ['hunter2', 's3cr3t-pw', 'tok-999', 'kms-777', 'admin']) expect(text).not.toContain(secret);
    for (const visible of ['plain', 'visible', 'i-1', 'i-2', '"a": "x"']) expect(text).toContain(visible);
    expect(unseal(JSON.parse(text), key)).toEqual(JSON.parse(formatState(s)));
  });

  test('a dynamic attribute is sealed whole with type "string", so Terraform still reads it', () => {
    const sealed = seal(secretState(), key);
    const input = sealed.resources[0]!.instances[0]!.attributes.input as { value: unknown; type: unknown };
    expect(input.type).toBe('string');
    expect(isSealed(input.value)).toBe(true);
    expect(sealed.outputs.pw!.type).toBe('string');
    expect(sealed.outputs.pw!.sensitive).toBe(true);
    expect(isSealed(sealed.outputs.pw!.value)).toBe(true);
  });

  test('seal leaves its input alone, uses a fresh IV each time, and skips sealed and null values', () => {
    const s = secretState();
    const before = JSON.stringify(s);
    const a = seal(s, key);
    const b = seal(s, key);
    expect(JSON.stringify(s)).toBe(before);
    expect(a.outputs.pw!.value).not.toBe(b.outputs.pw!.value);
    expect(seal(a, key)).toEqual(a);
    const n = emptyState();
    new StateIndex(n).setObject('terraform_data.n', TD.provider, { schema_version: 0, attributes: { input: null }, sensitive_attributes: [attr('input')] });
    expect(seal(n, key).resources[0]!.instances[0]!.attributes.input).toBeNull();
  });

  test.each([
    ['another key', fixedKeys(randomBytes(32)), 'cannot be opened'],
    ['no key at all', fixedKeys(randomBytes(32), []), 'no key is available'],
  ])('opening with %s is a SealError that says what to do', (_name, other, words) => {
    const sealed = seal(secretState(), key);
    expect(() => unseal(sealed, other)).toThrow(SealError);
    expect(() => unseal(sealed, other)).toThrow(words);
  });

  test('a damaged sealed value is a SealError', () => {
    const v = sealer(key).sealValue({ a: 1 });
    const broken = v.slice(0, -6) + (v.endsWith('AAAA') ? 'BBBB' : 'AAAA') + v.slice(-2);
    expect(() => sealer(key).unsealValue(broken)).toThrow(SealError);
  });

  test.each([[null], ['text'], [42], [{ deep: [1, { x: true }] }]])('sealValue/unsealValue round-trip %j (for plan files)', (value) => {
    const s = sealer(key);
    const text = s.sealValue(value);
    expect(isSealed(text)).toBe(true);
    expect(s.unsealValue(text)).toEqual(value);
  });
});

describe('keys', () => {
  test('without MINITF_STATE_KEY the key file .minitf/state.key is created on first seal, mode 0600, and reused', () => {
    const cwd = tempDir();
    const ring = new Keyring({ cwd, env: {} });
    expect(ring.openingKeys()).toEqual([]);
    const text = formatState(seal(secretState(), ring));
    const file = join(cwd, '.minitf', 'state.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').length).toBe(32);
    expect(unseal(JSON.parse(text), new Keyring({ cwd, env: {} })).outputs.pw!.value).toEqual(['hunter2']);
  });

  test('nothing is created when there is nothing to seal', () => {
    const cwd = tempDir();
    const s = emptyState();
    seal(s, new Keyring({ cwd, env: {} }));
    expect(() => statSync(join(cwd, '.minitf'))).toThrow();
  });

  test('MINITF_STATE_KEY seals; the same passphrase opens, another does not; the key file still opens older values', () => {
    const cwd = tempDir();
    const fromFile = formatState(seal(secretState(), new Keyring({ cwd, env: {} })));
    const withPass = new Keyring({ cwd, env: { MINITF_STATE_KEY: 'correct horse' } });
    const sealed = formatState(seal(secretState(), withPass));
    expect(unseal(JSON.parse(sealed), new Keyring({ cwd: tempDir(), env: { MINITF_STATE_KEY: 'correct horse' } })).outputs.pw!.value).toEqual(['hunter2']);
    expect(() => unseal(JSON.parse(sealed), new Keyring({ cwd: tempDir(), env: { MINITF_STATE_KEY: 'wrong' } }))).toThrow(SealError);
    expect(unseal(JSON.parse(fromFile), withPass).outputs.pw!.value).toEqual(['hunter2']);
  });
});
