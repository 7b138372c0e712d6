/**
 * Every backend type, one line each: `backend "NAME"` is the exported name, the value its
 * BackendDefinition (a folder of its own). Adding a backend is its folder and one line here.
 */
export { backend as local } from './local/index.js';
export { backend as pg } from './pg/index.js';
export { backend as oss } from './oss/index.js';
