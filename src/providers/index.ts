/**
 * Providers: the handler interface (`types.ts`), provider errors (`errors.ts`), the registry of
 * providers by local name (`registry.ts`), the built-in `terraform` provider with `terraform_data`
 * (`terraform/`), hashicorp/random's types built in (`random/`), and the Alibaba Cloud provider
 * (`alicloud/`). `core` decides when handlers run; `schema` says what their attributes are.
 */
export * from './types.js';
export * from './errors.js';
export * from './registry.js';
