/**
 * Terraform's built-in functions, one file per family; importing this module registers all of them
 * in `registry.ts`. `call.ts` owns argument handling (arity, null, unknown, sensitive marks).
 */
import './collection.js';
import './conversion.js';
import './crypto.js';
import './datetime.js';
import './encoding.js';
import './filesystem.js';
import './network.js';
import './numeric.js';
import './sets.js';
import './string.js';
import './template.js';
export { FUNCTIONS } from './registry.js';
