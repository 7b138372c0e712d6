/**
 * Addresses: the names of things in configuration and state — resources and their instances
 * (`module.pool[1].terraform_data.member["x"]`, `data.alicloud_zones.default`), module instances and
 * provider configurations (`alicloud.hz`, `provider["registry.terraform.io/aliyun/alicloud"].hz`).
 * Parsing and formatting only; `config` owns what the names refer to and `states` what is recorded.
 */
export * from './keys.js';
export * from './resource.js';
export * from './provider.js';
