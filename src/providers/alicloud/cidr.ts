/** An IPv4 CIDR block: network address as an unsigned 32-bit number and prefix length. */
export interface Cidr {
  readonly base: number;
  readonly mask: number;
}

/** Parses `a.b.c.d/n` (the address must be the network address); undefined when malformed. */
export function parseCidr(text: string): Cidr | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1, 5).map(Number);
  const mask = Number(m[5]);
  if (parts.some((p) => p > 255) || mask > 32) return undefined;
  const addr = ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
  const netmask = mask === 0 ? 0 : (0xffffffff << (32 - mask)) >>> 0;
  if ((addr & netmask) >>> 0 !== addr) return undefined;
  return { base: addr, mask };
}

/** True when `inner` lies inside or equals `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (inner.mask < outer.mask) return false;
  const netmask = outer.mask === 0 ? 0 : (0xffffffff << (32 - outer.mask)) >>> 0;
  return ((inner.base & netmask) >>> 0) === outer.base;
}

/** The private ranges a VPC CIDR must fall in. */
export const VPC_RANGES: readonly Cidr[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((c) => parseCidr(c)!);
