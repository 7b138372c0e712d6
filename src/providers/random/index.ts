/**
 * The built-in `random` provider (hashicorp/random's `registry.terraform.io/hashicorp/random`, so an
 * implicit `random` provider and `required_providers { random = { source = "hashicorp/random" } }`
 * both resolve here without a download): `random_integer`, `random_string`, `random_password`,
 * `random_id`, `random_uuid`, `random_shuffle` and `random_pet`, with hashicorp/random's arguments,
 * defaults, validation, replacement rules (`keepers` and every other argument force replacement) and
 * import IDs. Values exist only in the state; nothing outside it changes. The schemas are
 * `schemas/random_*.json` (`src/schema` reads them); sealing the password in state is `src/states`'.
 */
import type { Provider } from '../types.js';
import { randomId } from './id.js';
import { randomInteger } from './integer.js';
import { randomPet } from './pet.js';
import { randomShuffle } from './shuffle.js';
import { randomPassword, randomString } from './strings.js';
import { randomUuid } from './uuid.js';

/** The built-in `random` provider. Configuration takes no arguments. */
export const randomProvider: Provider<null> = {
  name: 'random',
  source: 'registry.terraform.io/hashicorp/random',
  resources: {
    random_id: randomId,
    random_integer: randomInteger,
    random_password: randomPassword,
    random_pet: randomPet,
    random_shuffle: randomShuffle,
    random_string: randomString,
    random_uuid: randomUuid,
  },
  dataSources: {},
  configure(req) {
    return { value: { view: req.view, client: () => ({ value: null, diagnostics: [] }) }, diagnostics: [] };
  },
};
