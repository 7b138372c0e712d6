import { attributeName, formatNumber, goQuote, sortedKeys } from '../text.js';
import { computeJSON } from './differ.js';
import { makeChange } from './change.js';
import { walkSequences } from './sequence.js';
import type { BlockGroup, Diff, DiffAction } from './types.js';
import { RESET, colouredSymbol, greyNull, yellowArrow } from '../colour.js';

/** Options that steer how a diff is drawn (Terraform's render options). */
export interface RenderOptions {
  /** Do not print `-> null` after deleted values. */
  readonly overrideNullSuffix?: boolean;
  /** Print `# forces replacement` even when the diff itself does not (set by a parent for its children). */
  readonly forceReplace?: boolean;
  /** Never print `# forces replacement` (set by a parent that prints it itself). */
  readonly forbidReplace?: boolean;
  /** Show unchanged children instead of `# (N unchanged … hidden)`. */
  readonly showUnchanged?: boolean;
  /** Leave out the `+`/`-`/`~` columns (state rendering). */
  readonly hideSymbols?: boolean;
  /** Colour symbols and arrows as Terraform does on a terminal (default off). */
  readonly color?: boolean;
}

/** The 3-column action symbol Terraform prints before a line (`  +`, `  ~`, `-/+`, ` <=`, …). */
export function actionSymbol(action: DiffAction | 'replace-dc' | 'replace-cd' | 'read' | 'forget' | 'create-forget'): string {
  switch (action) {
    case 'create': return '  +';
    case 'delete': return '  -';
    case 'update': return '  ~';
    case 'noop': return '   ';
    case 'replace-dc': return '-/+';
    case 'replace-cd': return '+/-';
    case 'read': return ' <=';
    case 'forget': return ' .';
    case 'create-forget': return ' +/.';
  }
}

const indentOf = (n: number) => '    '.repeat(n);
const sym = (action: DiffAction, o: RenderOptions) => (o.hideSymbols ? '' : o.color && action !== 'noop' ? `${colouredSymbol(action)}${RESET} ` : `${actionSymbol(action)} `);
const nullSuffix = (action: DiffAction, o: RenderOptions) => (!o.overrideNullSuffix && action === 'delete' ? (o.color ? greyNull : ' -> null') : '');
/** The ` -> ` between an old and a new value (yellow on a terminal). */
const arrow = (o: RenderOptions) => (o.color ? yellowArrow : ' -> ');
const forces = (replace: boolean, o: RenderOptions) => ((replace && !o.forbidReplace) || o.forceReplace ? ' # forces replacement' : '');
/** Options passed down to children: replacement forcing never cascades. */
const clone = (o: RenderOptions, extra: Partial<RenderOptions> = {}): RenderOptions => ({
  overrideNullSuffix: o.overrideNullSuffix,
  showUnchanged: o.showUnchanged,
  hideSymbols: o.hideSymbols,
  color: o.color,
  ...extra,
});
const unchanged = (what: string, n: number) => `# (${n} unchanged ${what}${n === 1 ? '' : 's'} hidden)`;
const IMPORTANT = new Set(['id', 'name', 'tags']);

/**
 * Draws a diff as Terraform's human plan does. `indent` is the nesting depth of the line the value
 * starts on; continuation lines are indented from it. The first line carries no indentation.
 */
export function renderDiff(d: Diff, indent: number, o: RenderOptions = {}): string {
  const n = d.node;
  switch (n.kind) {
    case 'primitive':
      return n.string ? renderString(d, n.before, n.after, indent, o) : renderPrimitive(d, n.before, n.after, o);
    case 'sensitive':
      if (n.block) {
        const p = `${indentOf(indent)}${sym('noop', o)}`;
        return `{${forces(d.replace, o)}\n${p}  # At least one attribute in this block is (or was) sensitive,\n${p}  # so its contents will not be displayed.\n${p}}`;
      }
      return `(sensitive value)${nullSuffix(d.action, o)}${forces(d.replace, o)}`;
    case 'writeOnly':
      return `(${n.sensitive ? 'sensitive, ' : ''}write-only attribute)${nullSuffix(d.action, o)}${forces(d.replace, o)}`;
    case 'unknown':
      if (d.action === 'create' || !n.before) return `(known after apply)${forces(d.replace, o)}`;
      return `${renderDiff(n.before, indent, clone(o, { overrideNullSuffix: true, forbidReplace: d.replace }))} -> (known after apply)${forces(d.replace, o)}`;
    case 'typeChange': {
      const c = { ...o, overrideNullSuffix: true };
      return `${renderDiff(n.before, indent, c)} -> ${renderDiff(n.after, indent, c)}`;
    }
    case 'object':
      return renderObject(d, n.attrs, n.nested, indent, o);
    case 'map':
      return renderMap(d, n.elems, indent, o);
    case 'list':
      return renderList(d, n.elems, n.context, indent, o);
    case 'set':
      return renderSet(d, n.elems, indent, o);
    case 'block':
      return renderBlock(d, n.attrs, n.blocks, indent, o);
  }
}

/** The lines printed above a value whose sensitivity changes (Terraform's warnings). */
export function warningsFor(d: Diff, indent: number): string[] {
  const n = d.node;
  if (n.kind !== 'sensitive') return [];
  if (n.beforeSensitive === n.afterSensitive || n.inner.action === 'create' || n.inner.action === 'delete') return [];
  const what = n.block ? 'block' : 'attribute value';
  let w = n.beforeSensitive
    ? `  # Warning: this ${what} will no longer be marked as sensitive\n${indentOf(indent)}  # after applying this change.`
    : `  # Warning: this ${what} will be marked as sensitive and will not\n${indentOf(indent)}  # display in UI output after applying this change.`;
  if (!n.block && n.inner.action === 'noop') w += ' The value is unchanged.';
  return [w];
}

function renderPrimitive(d: Diff, before: unknown, after: unknown, o: RenderOptions): string {
  const fr = forces(d.replace, o);
  switch (d.action) {
    case 'create': return `${scalar(after)}${fr}`;
    case 'delete': return `${scalar(before)}${nullSuffix(d.action, o)}${fr}`;
    case 'noop': return `${scalar(before)}${fr}`;
    default: return `${scalar(before)}${arrow(o)}${scalar(after)}${fr}`;
  }
}

function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return formatNumber(v);
  return goQuote(String(v));
}

interface StringView {
  readonly text: string;
  readonly json?: { value: unknown };
  readonly multiline: boolean;
}

function viewString(v: unknown): StringView {
  if (v === null || v === undefined) return { text: 'null', multiline: false };
  const s = String(v);
  if (s.startsWith('{') || s.startsWith('[')) {
    try {
      return { text: s, json: { value: JSON.parse(s) }, multiline: false };
    } catch {
      /* not JSON */
    }
  }
  if (s.includes('\n')) return { text: s.trim(), multiline: true };
  return { text: s, multiline: false };
}

function renderString(d: Diff, before: unknown, after: unknown, indent: number, o: RenderOptions): string {
  const fr = forces(d.replace, o);
  const line = (action: DiffAction, text: string) => `${indentOf(indent + 1)}${sym(action, o)}${text}`;
  let lines: string[];
  if (d.action === 'create' || d.action === 'noop') {
    const s = viewString(after);
    if (s.json) return renderJSONString(d, indent, o, d.action === 'noop' ? s : undefined, s);
    if (!s.multiline) return `${s.text === 'null' && (after === null || after === undefined) ? 'null' : goQuote(s.text)}${fr}`;
    lines = s.text.split('\n').map((t) => line('noop', t));
  } else if (d.action === 'delete') {
    const s = viewString(before);
    if (s.json) return renderJSONString(d, indent, o, s, undefined);
    if (!s.multiline) return `${before === null || before === undefined ? 'null' : goQuote(s.text)}${nullSuffix(d.action, o)}${fr}`;
    lines = s.text.split('\n').map((t) => line('noop', t));
  } else {
    const b = viewString(before);
    const a = viewString(after);
    if (b.json && a.json) return renderJSONString(d, indent, o, b, a);
    if (b.json || a.json) {
      const c = { ...o, overrideNullSuffix: true };
      const del: Diff = { action: 'delete', replace: false, node: { kind: 'primitive', before, after: null, string: true } };
      const add: Diff = { action: 'create', replace: false, node: { kind: 'primitive', before: null, after, string: true } };
      return `${renderDiff(del, indent, c)} -> ${renderDiff(add, indent, c)}`;
    }
    if (!b.multiline && !a.multiline) {
      const q = (v: unknown, s: StringView) => (v === null || v === undefined ? 'null' : goQuote(s.text));
      return `${q(before, b)}${arrow(o)}${q(after, a)}${fr}`;
    }
    const bl = b.text.split('\n');
    const al = a.text.split('\n');
    lines = [];
    walkSequences(bl, al, (bi, ai) => {
      if (bi < 0 || bi >= bl.length) lines.push(line('create', al[ai]!));
      else if (ai < 0 || ai >= al.length) lines.push(line('delete', bl[bi]!));
      else lines.push(line('noop', bl[bi]!));
    }, () => false);
  }
  return `<<-EOT${fr}\n${lines.join('\n')}\n${indentOf(indent)}${sym('noop', o)}EOT${nullSuffix(d.action, o)}`;
}

function renderJSONString(d: Diff, indent: number, o: RenderOptions, before: StringView | undefined, after: StringView | undefined): string {
  const j = computeJSON(makeChange({ before: before?.json?.value ?? null, after: after?.json?.value ?? null }));
  let action: DiffAction = d.action;
  let whitespace = '';
  let replace = '';
  const jo = clone(o);
  let jsonOpts = jo;
  if (j.action === 'noop' && d.action === 'update') {
    whitespace = d.replace ? ' # whitespace changes force replacement' : ' # whitespace changes';
    jsonOpts = { ...jo, showUnchanged: true };
    action = 'noop';
  } else replace = forces(d.replace, o);
  const rendered = renderDiff(j, indent + 1, jsonOpts);
  if (d.action === 'create' || d.action === 'delete') action = 'noop';
  if (rendered.includes('\n')) {
    return `jsonencode(${whitespace}\n${indentOf(indent + 1)}${sym(action, o)}${rendered}${replace}\n${indentOf(indent)}${sym('noop', o)})`;
  }
  return `jsonencode(${rendered})${whitespace}${replace}`;
}

function renderObject(d: Diff, attrs: ReadonlyMap<string, Diff>, nested: boolean, indent: number, o: RenderOptions): string {
  if (attrs.size === 0) return `{}${nullSuffix(d.action, o)}${forces(d.replace, o)}`;
  const childOpts = clone(o, { overrideNullSuffix: !nested });
  const names = new Map([...attrs.keys()].map((k) => [k, attributeName(k)]));
  const width = Math.max(...[...names.values()].map((k) => k.length));
  let hidden = 0;
  let out = `{${forces(d.replace, o)}\n`;
  for (const key of sortedKeys(attrs.keys())) {
    const a = attrs.get(key)!;
    const important = IMPORTANT.has(key);
    if (!important && a.action === 'noop' && !o.showUnchanged) {
      hidden++;
      continue;
    }
    for (const w of warningsFor(a, indent + 1)) out += `${indentOf(indent + 1)}${w}\n`;
    const co = important ? { ...childOpts, showUnchanged: true } : childOpts;
    out += `${indentOf(indent + 1)}${sym(a.action, o)}${names.get(key)!.padEnd(width)} = ${renderDiff(a, indent + 1, co)}\n`;
  }
  if (hidden > 0) out += `${indentOf(indent + 1)}${sym('noop', o)}${unchanged('attribute', hidden)}\n`;
  return `${out}${indentOf(indent)}${sym('noop', o)}}${nullSuffix(d.action, o)}`;
}

function renderMap(d: Diff, elems: ReadonlyMap<string, Diff>, indent: number, o: RenderOptions): string {
  if (elems.size === 0) return `{}${nullSuffix(d.action, o)}${forces(d.replace, o)}`;
  const width = Math.max(...[...elems.keys()].map((k) => goQuote(k).length));
  const childOpts = clone(o, { overrideNullSuffix: d.action === 'delete' });
  let hidden = 0;
  let out = `{${forces(d.replace, o)}\n`;
  for (const key of sortedKeys(elems.keys())) {
    const e = elems.get(key)!;
    if (e.action === 'noop' && !o.showUnchanged) {
      hidden++;
      continue;
    }
    for (const w of warningsFor(e, indent + 1)) out += `${indentOf(indent + 1)}${w}\n`;
    const comma = e.node.kind === 'object' ? ',' : '';
    out += `${indentOf(indent + 1)}${sym(e.action, o)}${goQuote(key).padEnd(width)} = ${renderDiff(e, indent + 1, childOpts)}${comma}\n`;
  }
  if (hidden > 0) out += `${indentOf(indent + 1)}${sym('noop', o)}${unchanged('element', hidden)}\n`;
  return `${out}${indentOf(indent)}${sym('noop', o)}}${nullSuffix(d.action, o)}`;
}

function renderList(d: Diff, elems: readonly Diff[], context: boolean, indent: number, o: RenderOptions): string {
  if (elems.length === 0) return `[]${nullSuffix(d.action, o)}${forces(d.replace, o)}`;
  const elemOpts = clone(o, { overrideNullSuffix: true });
  const unchangedOpts = clone(o, { showUnchanged: true });
  let pending: Diff[] = [];
  let renderNext = false;
  let out = `[${forces(d.replace, o)}\n`;
  for (const e of elems) {
    if (e.action === 'noop' && !renderNext && !o.showUnchanged) {
      pending.push(e);
      continue;
    }
    renderNext = false;
    let eo = elemOpts;
    if (context) {
      if (pending.length > 1) out += `${indentOf(indent + 1)}${sym('noop', o)}${unchanged('element', pending.length - 1)}\n`;
      if (pending.length > 0) {
        const last = pending[pending.length - 1]!;
        out += `${indentOf(indent + 1)}${sym(last.action, o)}${renderDiff(last, indent + 1, unchangedOpts)},\n`;
      }
      pending = [];
      if (e.action === 'noop') eo = unchangedOpts;
      else renderNext = true;
    }
    for (const w of warningsFor(e, indent + 1)) out += `${indentOf(indent + 1)}${w}\n`;
    out += `${indentOf(indent + 1)}${sym(e.action, o)}${renderDiff(e, indent + 1, eo)},\n`;
  }
  if (pending.length > 0) out += `${indentOf(indent + 1)}${sym('noop', o)}${unchanged('element', pending.length)}\n`;
  return `${out}${indentOf(indent)}${sym('noop', o)}]${nullSuffix(d.action, o)}`;
}

function renderSet(d: Diff, elems: readonly Diff[], indent: number, o: RenderOptions): string {
  if (elems.length === 0) return `[]${nullSuffix(d.action, o)}${forces(d.replace, o)}`;
  const eo = clone(o, { overrideNullSuffix: true });
  let hidden = 0;
  let out = `[${forces(d.replace, o)}\n`;
  for (const e of elems) {
    if (e.action === 'noop' && !o.showUnchanged) {
      hidden++;
      continue;
    }
    for (const w of warningsFor(e, indent + 1)) out += `${indentOf(indent + 1)}${w}\n`;
    out += `${indentOf(indent + 1)}${sym(e.action, eo)}${renderDiff(e, indent + 1, eo)},\n`;
  }
  if (hidden > 0) out += `${indentOf(indent + 1)}${sym('noop', o)}${unchanged('element', hidden)}\n`;
  return `${out}${indentOf(indent)}${sym('noop', o)}]${nullSuffix(d.action, o)}`;
}

function renderBlock(d: Diff, attrs: ReadonlyMap<string, Diff>, blocks: ReadonlyMap<string, BlockGroup>, indent: number, o: RenderOptions): string {
  if (attrs.size === 0 && blocks.size === 0) return `{}${forces(d.replace, o)}`;
  const names = new Map([...attrs.keys()].map((k) => [k, attributeName(k)]));
  const width = Math.max(0, ...[...names.values()].map((k) => k.length));
  const attrOpts = clone(o);
  let hiddenAttrs = 0;
  let hiddenBlocks = 0;
  let out = `{${forces(d.replace, o)}\n`;
  for (const key of sortedKeys(attrs.keys())) {
    const a = attrs.get(key)!;
    const important = IMPORTANT.has(key);
    if (!important && a.action === 'noop' && !o.showUnchanged) {
      hiddenAttrs++;
      continue;
    }
    for (const w of warningsFor(a, indent + 1)) out += `${indentOf(indent + 1)}${w}\n`;
    const co = important ? { ...attrOpts, showUnchanged: true } : attrOpts;
    out += `${indentOf(indent + 1)}${sym(a.action, o)}${names.get(key)!.padEnd(width)} = ${renderDiff(a, indent + 1, co)}\n`;
  }
  if (hiddenAttrs > 0) out += `${indentOf(indent + 1)}${sym('noop', o)}${unchanged('attribute', hiddenAttrs)}\n`;
  for (const key of sortedKeys(blocks.keys())) {
    const g = blocks.get(key)!;
    let first = true;
    const entries: [Diff, string][] = g.items.map((item, i) => [item, g.nesting === 'map' ? ` ${goQuote(g.keys![i]!)}` : '']);
    if (g.unknown && g.nesting !== 'single') entries.unshift([{ action: d.action, replace: false, node: { kind: 'unknown' } }, '']);
    entries.forEach(([item, mapKey]) => {
      let b = item;
      const sens = (b.action === 'create' && g.afterSensitive) || (b.action === 'delete' && g.beforeSensitive) || ((b.action === 'update' || b.action === 'noop') && (g.beforeSensitive || g.afterSensitive));
      if (sens) {
        const action = b.action === 'noop' && g.beforeSensitive !== g.afterSensitive ? 'update' : b.action;
        b = { action, replace: b.replace, node: { kind: 'sensitive', inner: b, beforeSensitive: g.beforeSensitive, afterSensitive: g.afterSensitive, block: true } };
      }
      if (b.action === 'noop' && !o.showUnchanged) {
        hiddenBlocks++;
        return;
      }
      if (first && attrs.size > 0) out += '\n';
      first = false;
      const bo = clone(o, { forceReplace: g.replace });
      for (const w of warningsFor(b, indent + 1)) out += `${indentOf(indent + 1)}${w}\n`;
      out += `${indentOf(indent + 1)}${sym(b.action, bo)}${attributeName(key)}${mapKey} ${renderDiff(b, indent + 1, bo)}\n`;
    });
  }
  if (hiddenBlocks > 0) out += `\n${indentOf(indent + 1)}${sym('noop', o)}${unchanged('block', hiddenBlocks)}\n`;
  return `${out}${indentOf(indent)}${sym('noop', o)}}`;
}
