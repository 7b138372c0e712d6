import { describe, expect, test } from 'vitest';
import { progressView, type GlobalOptions } from '../../src/cli/io.js';
import { JsonProgressView, PlainProgressView, type ApplyTarget } from '../../src/plans/progress.js';
import { MAX_LIVE_ROWS, TerminalProgressView } from '../../src/plans/terminal-view.js';
import { FakeClock } from '../helpers/fake-clock.js';

/** A screen that understands what the view writes: text, newlines, `ESC[nF` (up n lines) and `ESC[J`. */
class Screen {
  private rows: string[] = [''];
  private r = 0;
  write(text: string): void {
    const re = /\x1b\[(\d+)F|\x1b\[J|\n|[^\x1b\n]+/g;
    for (const m of text.matchAll(re)) {
      const tok = m[0];
      if (m[1] !== undefined) this.r = Math.max(0, this.r - Number(m[1]));
      else if (tok === '\x1b[J') this.rows = [...this.rows.slice(0, this.r), ''];
      else if (tok === '\n') {
        this.r++;
        if (this.rows.length <= this.r) this.rows.push('');
      } else this.rows[this.r] = (this.rows[this.r] ?? '') + tok;
    }
  }
  get lines(): string[] {
    return this.rows.slice(0, this.r);
  }
}

const t = (name: string): ApplyTarget => ({ address: `alicloud_image_copy.${name}`, module: '', mode: 'managed', type: 'alicloud_image_copy', name });

function live(columns = 120) {
  const clock = new FakeClock();
  const screen = new Screen();
  let raw = '';
  const view = new TerminalProgressView((s) => { raw += s; screen.write(s); }, { columns: () => columns }, clock);
  return { clock, screen, view, raw: () => raw };
}

describe('live terminal progress', () => {
  test('Terraform\'s lines scroll above a block of what is running, redrawn every second with elapsed time and handler progress', () => {
    const { clock, screen, view } = live();
    view.applyStart(t('a'), 'create', null);
    view.applyStart(t('b'), 'create', null);
    expect(screen.lines).toEqual(['alicloud_image_copy.a: Creating...', 'alicloud_image_copy.b: Creating...', expect.stringMatching(/^ {2}. alicloud_image_copy\.a: creating 0s$/), expect.stringMatching(/^ {2}. alicloud_image_copy\.b: creating 0s$/)]);
    clock.advance(5_000);
    view.applyProgress(t('a'), { percent: 42, message: 'copying' });
    expect(screen.lines.slice(2)).toEqual([expect.stringMatching(/alicloud_image_copy\.a: creating 5s \(42%, copying\)$/), expect.stringMatching(/alicloud_image_copy\.b: creating 5s$/)]);
    clock.advance(20_000);
    expect(screen.lines.some((l) => l.includes('Still creating'))).toBe(false);
    expect(screen.lines.slice(2)[1]).toMatch(/alicloud_image_copy\.b: creating 25s$/);
    view.applyComplete(t('b'), 'create', { id: 'm-b' });
    expect(screen.lines).toEqual(['alicloud_image_copy.a: Creating...', 'alicloud_image_copy.b: Creating...', 'alicloud_image_copy.b: Creation complete after 25s [id=m-b]', expect.stringMatching(/alicloud_image_copy\.a: creating 25s \(42%, copying\)$/)]);
    view.applyComplete(t('a'), 'create', { id: 'm-a' });
    view.close();
    expect(screen.lines).toEqual(['alicloud_image_copy.a: Creating...', 'alicloud_image_copy.b: Creating...', 'alicloud_image_copy.b: Creation complete after 25s [id=m-b]', 'alicloud_image_copy.a: Creation complete after 25s [id=m-a]']);
    expect(clock.pending).toBe(0);
  });

  test('the block stops redrawing when nothing runs, and close erases it', () => {
    const { clock, screen, view, raw } = live();
    view.applyStart(t('a'), 'delete', { id: 'm-a' });
    clock.advance(3_000);
    view.applyErrored(t('a'), 'delete');
    expect(clock.pending).toBe(0);
    const before = raw().length;
    clock.advance(10_000);
    expect(raw().length).toBe(before);
    expect(screen.lines).toEqual(['alicloud_image_copy.a: Destroying... [id=m-a]']);
    view.applyStart(t('b'), 'update', { id: 'm-b' });
    view.close();
    expect(screen.lines).toEqual(['alicloud_image_copy.a: Destroying... [id=m-a]', 'alicloud_image_copy.b: Modifying... [id=m-b]']);
  });

  test('rows are cut to the terminal width, and beyond the row limit the rest are counted', () => {
    const { screen, view } = live(30);
    const n = MAX_LIVE_ROWS + 3;
    for (let i = 0; i < n; i++) view.applyStart(t(`copy_with_a_long_name_${i}`), 'create', null);
    const block = screen.lines.slice(n);
    expect(block).toHaveLength(MAX_LIVE_ROWS + 1);
    for (const l of block) expect([...l].length).toBeLessThanOrEqual(29);
    expect(block[MAX_LIVE_ROWS]).toBe('  … and 3 more in progress');
    view.close();
    expect(screen.lines).toHaveLength(n);
  });
});

describe('choosing the progress view', () => {
  const g = (env: Record<string, string>, terminal: boolean): GlobalOptions => ({
    cwd: '.',
    noColor: true,
    emulator: false,
    env,
    streams: { out: () => {}, err: () => {}, ...(terminal ? { terminal: { columns: () => 80 } } : {}) },
  });
  test.each([
    ['a terminal', {}, true, false, TerminalProgressView],
    ['a terminal in CI', { CI: 'true' }, true, false, PlainProgressView],
    ['a terminal with TF_IN_AUTOMATION', { TF_IN_AUTOMATION: '1' }, true, false, PlainProgressView],
    ['a terminal with MINITF_PROGRESS=plain', { MINITF_PROGRESS: 'plain' }, true, false, PlainProgressView],
    ['a pipe', {}, false, false, PlainProgressView],
    ['-json on a terminal', {}, true, true, JsonProgressView],
  ] as const)('%s', (_n, env, terminal, json, want) => {
    const v = progressView(g(env, terminal), json);
    expect(v.constructor).toBe(want);
    v.close();
  });
});
