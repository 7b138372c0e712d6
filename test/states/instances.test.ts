import { describe, expect, test } from 'vitest';
import { emptyState, formatMoveEndpoint, parseMoveEndpoint, StateIndex, type MoveEndpoint, type StateFile } from '../../src/states/index.js';
import { TD, tdObject } from './helpers/tmp.js';

function stateWith(...addrs: string[]): { state: StateFile; index: StateIndex } {
  const state = emptyState();
  const index = new StateIndex(state);
  for (const a of addrs) index.setObject(a, TD.provider, tdObject(`id-${a}`, a));
  return { state, index };
}

function ep(text: string): MoveEndpoint {
  const e = parseMoveEndpoint(text);
  if ('error' in e) throw new Error(e.error);
  return e;
}

describe('state index', () => {
  test('setObject creates the resource entry with its provider and module, and sets index_key from the address', () => {
    const { state, index } = stateWith('module.m[1].terraform_data.x["k"]', 'data.terraform_remote_state.r');
    expect(state.resources.map((r) => [r.module, r.mode, r.type, r.name, r.provider])).toEqual([
      ['module.m[1]', 'managed', 'terraform_data', 'x', TD.provider],
      [undefined, 'data', 'terraform_remote_state', 'r', TD.provider],
    ]);
    expect(state.resources[0]!.instances[0]!.index_key).toBe('k');
    expect('index_key' in state.resources[1]!.instances[0]!).toBe(false);
    expect(index.object('module.m[1].terraform_data.x["k"]')?.attributes.id).toBe('id-module.m[1].terraform_data.x["k"]');
  });

  test('setObject replaces the object with the same key and deposed key only', () => {
    const { state, index } = stateWith('terraform_data.a[0]');
    index.setObject('terraform_data.a[0]', TD.provider, { ...tdObject('old', 1), deposed: 'aaaa0000' });
    index.setObject('terraform_data.a[0]', TD.provider, tdObject('new', 2));
    expect(state.resources[0]!.instances.map((i) => `${i.attributes.id}/${i.deposed ?? ''}`).sort()).toEqual(['new/', 'old/aaaa0000']);
    expect(index.instance('terraform_data.a[0]')?.deposed.length).toBe(1);
  });

  test('removeObject drops the resource when its last object goes; removeInstance removes deposed objects too', () => {
    const { state, index } = stateWith('terraform_data.a[0]', 'terraform_data.a[1]', 'terraform_data.b');
    index.depose('terraform_data.a[1]', 'cafe0001');
    index.setObject('terraform_data.a[1]', TD.provider, tdObject('fresh', 1));
    expect(index.removeInstance('terraform_data.a[1]')).toBe(2);
    expect(index.removeObject('terraform_data.a[0]')).toBe(true);
    expect(index.removeObject('terraform_data.a[0]')).toBe(false);
    expect(state.resources.map((r) => r.name)).toEqual(['b']);
    expect(index.resource('terraform_data.a')).toBeUndefined();
    expect(index.addresses()).toEqual(['terraform_data.b']);
  });

  test('depose turns the current object into a deposed one with an 8-hex key', () => {
    const { index } = stateWith('terraform_data.a');
    const key = index.depose('terraform_data.a');
    expect(key).toMatch(/^[0-9a-f]{8}$/);
    expect(index.object('terraform_data.a')).toBeUndefined();
    expect(index.object('terraform_data.a', key)?.attributes.id).toBe('id-terraform_data.a');
    expect(index.depose('terraform_data.nope')).toBeUndefined();
  });

  test('lists instances in Terraform’s state list order, each instance once', () => {
    const { index } = stateWith(
      'module.k[10].terraform_data.z',
      'terraform_data.many[10]',
      'module.k[2].terraform_data.z',
      'terraform_data.many[9]',
      'terraform_data.e["x"]',
      'data.terraform_remote_state.r',
      'module.a.terraform_data.z',
      'terraform_data.B',
      'terraform_data.e["b"]',
    );
    index.depose('terraform_data.many[9]', 'deadbeef');
    index.setObject('terraform_data.many[9]', TD.provider, tdObject('again', 9));
    expect(index.addresses()).toEqual([
      'data.terraform_remote_state.r',
      'terraform_data.B',
      'terraform_data.e["b"]',
      'terraform_data.e["x"]',
      'terraform_data.many[9]',
      'terraform_data.many[10]',
      'module.a.terraform_data.z',
      'module.k[2].terraform_data.z',
      'module.k[10].terraform_data.z',
    ]);
  });

  test.each([
    ['instance to instance', ['terraform_data.a[0]', 'terraform_data.a[1]'], 'terraform_data.a[0]', 'terraform_data.a["x"]', ['terraform_data.a[1]', 'terraform_data.a["x"]']],
    ['instance to a new resource', ['terraform_data.a[0]'], 'terraform_data.a[0]', 'terraform_data.b', ['terraform_data.b']],
    ['no-key resource to an instance (count added)', ['terraform_data.a'], 'terraform_data.a', 'terraform_data.a[0]', ['terraform_data.a[0]']],
    ['whole resource, keys kept', ['terraform_data.a[0]', 'terraform_data.a[1]'], 'terraform_data.a', 'terraform_data.b', ['terraform_data.b[0]', 'terraform_data.b[1]']],
    ['resource into a module', ['terraform_data.a'], 'terraform_data.a', 'module.m.terraform_data.a', ['module.m.terraform_data.a']],
    ['module with nested modules', ['module.k[2].terraform_data.z', 'module.k[2].module.n.terraform_data.y', 'module.k[3].terraform_data.z'], 'module.k[2]', 'module.q', ['module.k[3].terraform_data.z', 'module.q.terraform_data.z', 'module.q.module.n.terraform_data.y']],
  ])('moves %s', (_name, addrs, from, to, want) => {
    const { index } = stateWith(...addrs);
    const out = index.move(ep(from), ep(to));
    expect(out).toMatchObject({ ok: true });
    expect(index.addresses()).toEqual(want);
  });

  test('a moved instance keeps its deposed objects and attributes', () => {
    const { index } = stateWith('terraform_data.a[0]');
    const key = index.depose('terraform_data.a[0]')!;
    index.setObject('terraform_data.a[0]', TD.provider, tdObject('current', 0));
    expect(index.move(ep('terraform_data.a[0]'), ep('terraform_data.a["k"]')).ok).toBe(true);
    expect(index.object('terraform_data.a["k"]')?.attributes.id).toBe('current');
    expect(index.object('terraform_data.a["k"]', key)?.attributes.id).toBe('id-terraform_data.a[0]');
  });

  test.each([
    ['a missing source', ['terraform_data.a'], 'terraform_data.nope', 'terraform_data.b', 'no_source'],
    ['an occupied instance', ['terraform_data.a[0]', 'terraform_data.a[1]'], 'terraform_data.a[0]', 'terraform_data.a[1]', 'target_exists'],
    ['an occupied resource', ['terraform_data.a', 'terraform_data.b'], 'terraform_data.a', 'terraform_data.b', 'target_exists'],
    ['another resource type', ['terraform_data.a'], 'terraform_data.a', 'null_resource.a', 'type_mismatch'],
    ['a module onto a resource', ['module.m.terraform_data.a'], 'module.m', 'terraform_data.b', 'type_mismatch'],
    ['a module onto an occupied module', ['module.m.terraform_data.a', 'module.n.terraform_data.a'], 'module.m', 'module.n', 'target_exists'],
  ])('refuses to move %s and changes nothing', (_name, addrs, from, to, reason) => {
    const { state, index } = stateWith(...addrs);
    const before = JSON.stringify(state);
    expect(index.move(ep(from), ep(to))).toMatchObject({ ok: false, reason });
    expect(JSON.stringify(state)).toBe(before);
  });

  test.each(['module.a[0].module.b', 'terraform_data.x', 'terraform_data.x["k"]', 'module.m.data.t.n[3]'])('parses and formats the move endpoint %s', (text) => {
    expect(formatMoveEndpoint(ep(text))).toBe(text);
  });
});
