import type { InstanceKey } from '../addrs/index.js';

/** One step of an attribute path in `sensitive_attributes` (Terraform's v4 encoding). */
export type StatePathStep = { readonly type: 'get_attr'; readonly value: string } | { readonly type: 'index'; readonly value: { value: unknown; type: unknown } };

/**
 * One object of a resource instance as stored in state (current or deposed). `attributes` is the
 * Terraform v4 encoding: plain JSON per the resource schema, dynamic-typed attributes wrapped as
 * `{ "value": ..., "type": ... }`; values at sensitive paths are sealed (see `states/seal.ts`).
 */
export interface StateInstance {
  index_key?: InstanceKey;
  status?: 'tainted';
  deposed?: string;
  schema_version: number;
  attributes: Record<string, unknown>;
  sensitive_attributes: StatePathStep[][];
  private?: string;
  dependencies?: string[];
  create_before_destroy?: boolean;
}

/** One resource (all its instances) as stored in state. */
export interface StateResource {
  module?: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** `provider["registry.terraform.io/aliyun/alicloud"].hz` */
  provider: string;
  instances: StateInstance[];
}

/** A root output value as stored in state; null outputs are not stored. */
export interface StateOutput {
  value: unknown;
  type: unknown;
  sensitive?: boolean;
}

/** A whole state snapshot: Terraform's v4 state file format. */
export interface StateFile {
  version: 4;
  terraform_version: string;
  serial: number;
  lineage: string;
  outputs: Record<string, StateOutput>;
  resources: StateResource[];
  check_results: unknown[] | null;
}

/** minitf's version string, written as `terraform_version` (Terraform's reader needs a semver). */
export const MINITF_VERSION = '0.1.0';
