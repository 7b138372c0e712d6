import bcrypt from 'bcryptjs';
import { error, warning } from '../../diag/index.js';
import { HandlerDiagnosticError } from '../errors.js';
import { UNKNOWN, type Attributes, type HandlerDiagnostic, type ResourceHandler } from '../types.js';
import { generateString } from './chars.js';
import { atLeast, planRandom, updated, withKeepers, type RandomShape } from './plan.js';
import { cryptoRng } from './rand.js';

const MINS = ['min_upper', 'min_lower', 'min_numeric', 'min_special'] as const;
const FLAGS = ['special', 'upper', 'lower'] as const;

/** Defaults of the optional arguments; `number` and `numeric` mirror each other when one is unset. */
function defaults(config: Attributes): Attributes {
  const number = config.number ?? config.numeric ?? true;
  const numeric = config.numeric ?? config.number ?? true;
  return { special: true, upper: true, lower: true, number, numeric, min_numeric: 0, min_upper: 0, min_lower: 0, min_special: 0 };
}

/**
 * hashicorp/random's checks, with its wording: `length` at least 1 and at least the sum of the
 * `min_*` counts, `number` and `numeric` not set to different values, and not every character class
 * switched off; a warning for the deprecated `number`. minitf also refuses negative `min_*` counts
 * (the provider crashes on them).
 */
function validate(config: Attributes): HandlerDiagnostic[] {
  const out: HandlerDiagnostic[] = [...atLeast('length', config.length, 1)];
  if (config.number !== null && config.number !== undefined) out.push({ ...warning('Attribute Deprecated', '**NOTE**: This is deprecated, use `numeric` instead.'), attribute: 'number' });
  for (const m of MINS) out.push(...atLeast(m, config[m], 0));
  const mins = MINS.map((m) => config[m]);
  if (!mins.includes(UNKNOWN)) {
    const sum = mins.reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0);
    out.push(...atLeast('length', config.length, sum, `sum of ${MINS.join(' + ')}`));
  }
  if (typeof config.number === 'boolean' && typeof config.numeric === 'boolean' && config.number !== config.numeric) {
    out.push(error('Number and numeric are both configured with different values', 'Number is deprecated, use numeric instead'));
  }
  for (const attr of ['number', 'numeric'] as const) {
    if (config[attr] !== false) continue;
    const others = FLAGS.map((f) => config[f]);
    if (others.some((v) => v === true || v === null || v === undefined || v === UNKNOWN)) continue;
    out.push({ ...error('Invalid Attribute Combination', `At least one attribute out of [${FLAGS.join(',')},${attr}] must be specified as true`), attribute: attr });
  }
  return out;
}

function generate(config: Attributes): string {
  const c = { ...config, ...Object.fromEntries(Object.entries(defaults(config)).filter(([k]) => config[k] === null || config[k] === undefined)) };
  const result = generateString(
    {
      length: Number(c.length),
      upper: c.upper === true,
      lower: c.lower === true,
      numeric: c.numeric === true,
      special: c.special === true,
      minUpper: Number(c.min_upper),
      minLower: Number(c.min_lower),
      minNumeric: Number(c.min_numeric),
      minSpecial: Number(c.min_special),
      overrideSpecial: typeof c.override_special === 'string' ? c.override_special : '',
    },
    cryptoRng(),
  );
  if (result === undefined) {
    throw new HandlerDiagnosticError(
      'Random Read Error',
      'While attempting to generate a random value for this resource, a read error was generated.\n\nOriginal Error: the character set specified is empty',
    );
  }
  return result;
}

/** The arguments a string's state holds after `import`: the provider's defaults, length from the value. */
function importedArgs(value: string): Attributes {
  return {
    keepers: null,
    length: Buffer.byteLength(value, 'utf8'),
    special: true,
    upper: true,
    lower: true,
    number: true,
    numeric: true,
    min_numeric: 0,
    min_upper: 0,
    min_lower: 0,
    min_special: 0,
    override_special: null,
  };
}

const ARGS = withKeepers('length', 'special', 'upper', 'lower', 'number', 'numeric', 'min_numeric', 'min_upper', 'min_lower', 'min_special', 'override_special');

const stringShape: RandomShape = { args: ARGS, defaults, computed: ['result', 'id'] };
const passwordShape: RandomShape = { args: ARGS, defaults, computed: ['result', 'bcrypt_hash', 'id'] };

/** A bcrypt hash (cost 10, `$2a$` like Go's bcrypt) of the first 72 bytes of `value`. */
export function bcryptHash(value: string): string {
  const salt = bcrypt.genSaltSync(10).replace(/^\$2b\$/, '$2a$');
  return bcrypt.hashSync(value, salt);
}

/**
 * `random_string`: a random string of `length` characters (`result`, also the `id`). Every argument
 * forces replacement; import takes the string itself and assumes the defaults.
 */
export const randomString: ResourceHandler<null> = {
  type: 'random_string',
  schemaVersion: 2,
  timeouts: {},
  validate,
  plan: (req) => planRandom(stringShape, req),
  async create(_ctx, config) {
    const result = generate(config);
    return { ...updated(stringShape, {}, config), result, id: result };
  },
  read: async (_ctx, prior) => prior,
  update: async (_ctx, prior, config) => updated(stringShape, prior, config),
  async delete() {},
  import: async (_ctx, id) => ({ ...importedArgs(id), result: id, id }),
};

/**
 * `random_password`: `random_string` whose `result` and `bcrypt_hash` are sensitive (never shown,
 * sealed in state) and whose `id` is `"none"`. Import takes the password itself.
 */
export const randomPassword: ResourceHandler<null> = {
  type: 'random_password',
  schemaVersion: 3,
  timeouts: {},
  validate,
  plan: (req) => planRandom(passwordShape, req),
  async create(_ctx, config) {
    const result = generate(config);
    return { ...updated(passwordShape, {}, config), result, bcrypt_hash: bcryptHash(result), id: 'none' };
  },
  read: async (_ctx, prior) => prior,
  update: async (_ctx, prior, config) => updated(passwordShape, prior, config),
  async delete() {},
  import: async (_ctx, id) => ({ ...importedArgs(id), result: id, bcrypt_hash: bcryptHash(id), id: 'none' }),
};
