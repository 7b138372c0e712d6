import type { V } from '../values/value.js';
import type { Source } from './source.js';

/** A static traversal step: attribute name or literal index. */
export type Step =
  | { readonly t: 'a'; readonly name: string; readonly s: number; readonly e: number }
  | { readonly t: 'i'; readonly key: V; readonly s: number; readonly e: number };

/** Binary operators. */
export type BinOp = '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

/** An object constructor item; `ident` keys are bare identifiers taken literally. */
export interface ObjItem {
  readonly key: Node;
  readonly ident: boolean;
  readonly val: Node;
}

interface At {
  readonly s: number;
  readonly e: number;
}

/** Expression syntax tree nodes (offsets are into the node's Source text). */
export type Node =
  | (At & { readonly k: 'lit'; readonly val: V })
  | (At & { readonly k: 'tmpl'; readonly parts: readonly Node[] })
  | (At & { readonly k: 'tif'; readonly cond: Node; readonly then: readonly Node[]; readonly else: readonly Node[] })
  | (At & { readonly k: 'tfor'; readonly keyVar?: string; readonly valVar: string; readonly coll: Node; readonly body: readonly Node[] })
  | (At & { readonly k: 'scope'; readonly root: string; readonly steps: readonly Step[] })
  | (At & { readonly k: 'attr'; readonly obj: Node; readonly name: string })
  | (At & { readonly k: 'index'; readonly obj: Node; readonly key: Node })
  | (At & { readonly k: 'splat'; readonly src: Node; readonly each: Node })
  | (At & { readonly k: 'anon' })
  | (At & { readonly k: 'tuple'; readonly items: readonly Node[] })
  | (At & { readonly k: 'object'; readonly items: readonly ObjItem[] })
  | (At & { readonly k: 'call'; readonly name: string; readonly args: readonly Node[]; readonly expand: boolean })
  | (At & { readonly k: 'cond'; readonly c: Node; readonly t: Node; readonly f: Node })
  | (At & { readonly k: 'bin'; readonly op: BinOp; readonly l: Node; readonly r: Node })
  | (At & { readonly k: 'not' | 'neg' | 'paren'; readonly x: Node })
  | (At & {
      readonly k: 'for';
      readonly keyVar?: string;
      readonly valVar: string;
      readonly coll: Node;
      readonly keyExpr?: Node;
      readonly valExpr: Node;
      readonly cond?: Node;
      readonly group: boolean;
    })
  | (At & { readonly k: 'src'; readonly src: Source; readonly x: Node });
