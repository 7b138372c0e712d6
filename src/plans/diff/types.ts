/** What happened to one value in a rendered diff. */
export type DiffAction = 'create' | 'delete' | 'update' | 'noop';

/** The blocks of one nested block type inside a block diff. */
export interface BlockGroup {
  readonly nesting: 'single' | 'list' | 'set' | 'map';
  /** Block diffs in display order; for `map` nesting, `keys[i]` names `items[i]`. */
  readonly items: readonly Diff[];
  readonly keys?: readonly string[];
  readonly replace: boolean;
  readonly beforeSensitive: boolean;
  readonly afterSensitive: boolean;
  /** The whole collection of blocks is known only after apply. */
  readonly unknown: boolean;
}

/** How a value's diff is drawn (one variant per kind of value). */
export type DiffNode =
  | { readonly kind: 'primitive'; readonly before: unknown; readonly after: unknown; readonly string: boolean }
  | { readonly kind: 'object'; readonly attrs: ReadonlyMap<string, Diff>; readonly nested: boolean }
  | { readonly kind: 'map'; readonly elems: ReadonlyMap<string, Diff> }
  | { readonly kind: 'list'; readonly elems: readonly Diff[]; readonly context: boolean }
  | { readonly kind: 'set'; readonly elems: readonly Diff[] }
  | { readonly kind: 'block'; readonly attrs: ReadonlyMap<string, Diff>; readonly blocks: ReadonlyMap<string, BlockGroup> }
  | { readonly kind: 'sensitive'; readonly inner: Diff; readonly beforeSensitive: boolean; readonly afterSensitive: boolean; readonly block: boolean }
  | { readonly kind: 'unknown'; readonly before?: Diff }
  | { readonly kind: 'typeChange'; readonly before: Diff; readonly after: Diff }
  | { readonly kind: 'writeOnly'; readonly sensitive: boolean };

/** A computed diff of one value: its action, whether it forces replacement, and how to draw it. */
export interface Diff {
  readonly action: DiffAction;
  readonly replace: boolean;
  readonly node: DiffNode;
}

/** Combines a collection's running action with one child's: any disagreement makes it an update. */
export function combine(current: DiffAction, next: DiffAction): DiffAction {
  if (next === 'noop') return current;
  return current === next ? current : 'update';
}
