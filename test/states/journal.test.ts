import { describe, expect, test } from 'vitest';
import {
  emptyState,
  compactLines,
  eventsAfterSnapshot,
  parseJournal,
  pendingIntents,
  replayEvents,
  StateCorruptError,
  StateIndex,
  type JournalEvent,
  type JournalLine,
} from '../../src/states/index.js';
import { TD, tdObject } from './helpers/tmp.js';

const intent = (addr: string, token: string, deposed?: string): JournalEvent => ({ t: 'intent', addr, resource: TD, action: 'create', token, time: '2026-01-01T00:00:00Z', ...(deposed ? { deposed } : {}) });
const object = (addr: string, id: string): JournalEvent => ({ t: 'object', addr, resource: TD, instance: tdObject(id, id) });
const line = (l: JournalLine) => JSON.stringify(l) + '\n';

describe('journal file', () => {
  test('a torn last line (killed mid-write) is ignored; the good prefix length is reported', () => {
    const text = line(object('terraform_data.a', '1')) + line(object('terraform_data.b', '2'));
    const torn = text + line(object('terraform_data.c', '3')).slice(0, 40);
    const parsed = parseJournal(torn, 'j');
    expect(parsed.lines.map((l) => (l as { addr: string }).addr)).toEqual(['terraform_data.a', 'terraform_data.b']);
    expect(parsed.validBytes).toBe(Buffer.byteLength(text));
  });

  test('garbage at the tail (unflushed blocks after a power loss) is ignored too', () => {
    const text = line(object('terraform_data.a', '1'));
    expect(parseJournal(text + '\u0000\u0000\u0000\n\u0000\u0000', 'j').lines).toHaveLength(1);
  });

  test('a damaged line followed by good lines is corruption, named with its line', () => {
    const text = line(object('terraform_data.a', '1')) + '{"t":"obj\n' + line(object('terraform_data.b', '2'));
    expect(() => parseJournal(text, 'state/terraform.tfstate.journal')).toThrow(StateCorruptError);
    expect(() => parseJournal(text, 'state/terraform.tfstate.journal')).toThrow(/journal.*line 2/);
  });

  test('an intent with no later object/removed/failed event for the same address and deposed key is pending', () => {
    const lines: JournalLine[] = [
      intent('terraform_data.a', 't1'),
      intent('terraform_data.b', 't2'),
      intent('terraform_data.c', 't3'),
      intent('terraform_data.d', 't4', 'dep00001'),
      intent('terraform_data.e', 't5'),
      object('terraform_data.a', 'a'),
      { t: 'removed', addr: 'terraform_data.b' },
      { t: 'failed', addr: 'terraform_data.c', action: 'create', message: 'boom' },
      { t: 'removed', addr: 'terraform_data.d' },
      intent('terraform_data.a', 't6'),
    ];
    expect(pendingIntents(lines).map((i) => (i as { token: string }).token)).toEqual(['t4', 't5', 't6']);
  });

  test('replay sets, removes, moves and replaces outputs; events before the matching checkpoint are skipped', () => {
    const lines: JournalLine[] = [
      object('terraform_data.old', 'x'),
      { t: 'checkpoint', serial: 3, lineage: 'L', id: 'c1' },
      object('terraform_data.a', '1'),
      object('terraform_data.b', '2'),
      { t: 'removed', addr: 'terraform_data.b' },
      { t: 'moved', from: 'terraform_data.a', to: 'terraform_data.c["k"]' },
      { t: 'outputs', outputs: { o: { value: 1, type: 'number' } } },
      { t: 'moved', from: 'terraform_data.gone', to: 'terraform_data.z' },
    ];
    const s = { ...emptyState(), lineage: 'L', serial: 3 };
    replayEvents(s, eventsAfterSnapshot(lines, s));
    expect(new StateIndex(s).addresses()).toEqual(['terraform_data.c["k"]']);
    expect(s.outputs).toEqual({ o: { value: 1, type: 'number' } });
    expect(eventsAfterSnapshot(lines, { serial: 2, lineage: 'L' })).toHaveLength(7);
    expect(eventsAfterSnapshot(lines, { serial: 3, lineage: 'other' })).toHaveLength(7);
  });
});

describe('journal compaction', () => {
  test('keeps unresolved intents, then everything from the previous snapshot’s checkpoint on; a reset keeps only the new checkpoint on', () => {
    const lines: JournalLine[] = [
      intent('terraform_data.a', 't1'),
      intent('terraform_data.b', 't2'),
      object('terraform_data.a', '1'),
      { t: 'checkpoint', serial: 1, lineage: 'L', id: 'cp1' },
      object('terraform_data.c', '3'),
      { t: 'checkpoint', serial: 2, lineage: 'L', id: 'cp2' },
      object('terraform_data.d', '4'),
    ];
    const shape = (ls: JournalLine[] | undefined) => ls?.map((l) => l.t + ':' + ('addr' in l ? l.addr : 'serial' in l ? l.serial : ''));
    expect(shape(compactLines(lines, 'cp2', { serial: 1, lineage: 'L' }))).toEqual(['intent:terraform_data.b', 'checkpoint:1', 'object:terraform_data.c', 'checkpoint:2', 'object:terraform_data.d']);
    expect(shape(compactLines(lines, 'cp2'))).toEqual(['intent:terraform_data.b', 'checkpoint:2', 'object:terraform_data.d']);
    expect(shape(compactLines(lines, 'cp2', undefined, true))).toEqual(['checkpoint:2', 'object:terraform_data.d']);
    expect(compactLines(lines, 'unknown')).toBeUndefined();
    expect(compactLines(lines.slice(3), 'cp2', { serial: 1, lineage: 'L' })).toBeUndefined();
  });
});
