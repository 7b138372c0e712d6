/** An IPv4 CIDR block as numbers. */
export interface Cidr {
  /** Network address as an unsigned 32-bit number. */
  readonly base: number;
  readonly mask: number;
}

/** Parses `a.b.c.d/n` with the host bits zero; undefined when malformed. */
export function parseCidr(s: string): Cidr | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(s.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const mask = Number(m[5]);
  if (octets.some((o) => o > 255) || mask > 32) return undefined;
  const base = (((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0);
  if ((base & ~maskBits(mask)) >>> 0 !== 0) return undefined;
  return { base, mask };
}

function maskBits(mask: number): number {
  return mask === 0 ? 0 : (0xffffffff << (32 - mask)) >>> 0;
}

/** Number of addresses in the block. */
export function size(c: Cidr): number {
  return 2 ** (32 - c.mask);
}

/** Whether `inner` lies inside (or equals) `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.mask >= outer.mask && ((inner.base & maskBits(outer.mask)) >>> 0) === outer.base;
}

/** Whether two blocks share any address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  return contains(a, b) || contains(b, a);
}

/** Dotted form of an address. */
export function ipString(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Parses a dotted address to a number. */
export function ipNumber(s: string): number {
  const [a, b, c, d] = s.split('.').map(Number) as [number, number, number, number];
  return (((a << 24) | (b << 16) | (c << 8) | d) >>> 0);
}

/** The private ranges a VPC may use (10/8, 172.16/12, 192.168/16). */
export const PRIVATE_RANGES: readonly Cidr[] = [parseCidr('10.0.0.0/8')!, parseCidr('172.16.0.0/12')!, parseCidr('192.168.0.0/16')!];
