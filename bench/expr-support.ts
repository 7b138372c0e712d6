/** What the expression benchmark needs from `src/lang`, in one place. */
import type { Diagnostic } from '../src/diag/index.js';
export { evaluate, fromJSON, parseExpression, type Expression, type Scope, type Value } from '../src/lang/index.js';

/** True when any diagnostic is an error. */
export const hasErrorsIn = (d: readonly Diagnostic[]): boolean => d.some((x) => x.severity === 'error');
