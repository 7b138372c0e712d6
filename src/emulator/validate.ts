import { InvalidDescriptionMalformed } from './errors.js';
import type { ApiError } from './errors.js';

const NAME_RE = /^\p{L}[\p{L}\p{Nd}.:_-]{1,127}$/u;
const INSTANCE_NAME_RE = /^\p{L}[\p{L}\p{Nd}.:_,[\]-]{1,127}$/u;

/** Image names: 2–128, letter first, then letters, digits, `.:_-`; no `http(s)://`, `acs:` or `aliyun` start. */
export function validImageName(name: string): boolean {
  return NAME_RE.test(name) && !/^(https?:\/\/|acs:|aliyun)/i.test(name);
}

/** Security group names: as image names without the `acs:`/`aliyun` rule. */
export function validSecurityGroupName(name: string): boolean {
  return NAME_RE.test(name) && !/^https?:\/\//i.test(name);
}

/** Instance names: 2–128, letter first, then letters, digits, `.:_,[]-`. */
export function validInstanceName(name: string): boolean {
  return INSTANCE_NAME_RE.test(name) && !/^https?:\/\//i.test(name);
}

/** VPC and vSwitch names: 1–128 characters, not starting with `http(s)://`. */
export function validNetworkName(name: string): boolean {
  return name.length >= 1 && name.length <= 128 && !/^https?:\/\//i.test(name);
}

/**
 * ECS descriptions: empty (clears it) or 2–256 characters, not starting with `http(s)://`; else throws
 * `make()` (default `InvalidDescription.Malformed`).
 */
export function checkDescription(desc: string | undefined, make: () => ApiError = () => new InvalidDescriptionMalformed(), min = 2): void {
  if (desc === undefined || desc === '') return;
  if (desc.length < min || desc.length > 256 || /^https?:\/\//i.test(desc)) throw make();
}
