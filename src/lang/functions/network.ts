import { list, str, type V } from '../values/value.js';
import { S, intArg } from './helpers.js';
import { register } from './registry.js';
import { ArgError, FuncError, p } from './types.js';

/** A parsed CIDR prefix: the address as a bigint, its bit width (32 or 128) and prefix length. */
interface Prefix {
  readonly addr: bigint;
  readonly bits: 32 | 128;
  readonly len: number;
}

function parseV4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4 || parts.some((x) => !/^\d{1,3}$/.test(x) || Number(x) > 255 || (x.length > 1 && x.startsWith('0')))) return undefined;
  return parts.reduce((acc, x) => (acc << 8n) | BigInt(Number(x)), 0n);
}

function parseV6(s: string): bigint | undefined {
  let tail: bigint | undefined;
  let text = s;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    tail = parseV4(v4[1]!);
    if (tail === undefined) return undefined;
    text = s.slice(0, -v4[1]!.length) + '0:0';
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  if (halves.length === 1 && head.length !== 8) return undefined;
  if (head.length + rest.length > (halves.length === 2 ? 7 : 8)) return undefined;
  const groups = [...head, ...Array(8 - head.length - rest.length).fill('0'), ...rest];
  if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  let v = groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
  if (tail !== undefined) v = (v & ~0xffffffffn) | tail;
  return v;
}

function parsePrefix(s: string, i: number): Prefix {
  const m = /^([^/]+)\/(\d+)$/.exec(s);
  const bad = (): never => {
    throw new ArgError(i, `invalid CIDR expression: invalid CIDR address: ${s}`);
  };
  if (!m) return bad();
  const v4 = parseV4(m[1]!);
  const bits: 32 | 128 = v4 !== undefined ? 32 : 128;
  const addr = v4 ?? parseV6(m[1]!);
  const len = Number(m[2]);
  if (addr === undefined || len > bits) return bad();
  const mask = ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - len)) - 1n);
  return { addr: addr & mask, bits, len };
}

function formatAddr(a: bigint, bits: 32 | 128): string {
  if (bits === 32) return [24n, 16n, 8n, 0n].map((s) => String((a >> s) & 255n)).join('.');
  const groups = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((a >> BigInt(i * 16)) & 0xffffn));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

function subnet(pre: Prefix, newbits: number, num: bigint): Prefix {
  const len = pre.len + newbits;
  if (newbits < 0) throw new ArgError(1, 'must extend prefix by at least one bit');
  if (len > pre.bits) throw new FuncError(`insufficient address space to extend prefix of ${pre.len} by ${newbits}`);
  if (num < 0n || num >= 1n << BigInt(newbits)) throw new FuncError(`prefix extension of ${newbits} does not accommodate a subnet numbered ${num}`);
  return { addr: pre.addr | (num << BigInt(pre.bits - len)), bits: pre.bits, len };
}

const show = (pr: Prefix): string => `${formatAddr(pr.addr, pr.bits)}/${pr.len}`;

register({
  cidrhost: {
    params: [p('prefix', 'string'), p('hostnum', 'number')],
    returns: 'string',
    impl: ([pfx, h]) => {
      const pre = parsePrefix(S(pfx!), 0);
      const size = 1n << BigInt(pre.bits - pre.len);
      let n = BigInt(intArg(h!, 1));
      if (n < 0n) n += size;
      if (n < 0n || n >= size) throw new FuncError(`prefix of ${pre.len} does not accommodate a host numbered ${n}`);
      return str(formatAddr(pre.addr | n, pre.bits));
    },
  },
  cidrnetmask: {
    params: [p('prefix', 'string')],
    returns: 'string',
    impl: ([pfx]) => {
      const pre = parsePrefix(S(pfx!), 0);
      if (pre.bits !== 32) throw new FuncError('only IPv4 networks are supported');
      const mask = ((1n << 32n) - 1n) ^ ((1n << BigInt(32 - pre.len)) - 1n);
      return str(formatAddr(mask, 32));
    },
  },
  cidrsubnet: {
    params: [p('prefix', 'string'), p('newbits', 'number'), p('netnum', 'number')],
    returns: 'string',
    impl: ([pfx, nb, nn]) => str(show(subnet(parsePrefix(S(pfx!), 0), intArg(nb!, 1), BigInt(intArg(nn!, 2))))),
  },
  cidrsubnets: {
    params: [p('prefix', 'string')],
    variadic: p('newbits', 'number'),
    returns: ['list', 'string'],
    impl: ([pfx, ...bits]) => {
      const pre = parsePrefix(S(pfx!), 0);
      const out: V[] = [];
      let next = pre.addr;
      bits.forEach((b, i) => {
        const nb = intArg(b, i + 1);
        const len = pre.len + nb;
        if (nb < 1) throw new ArgError(i + 1, 'must extend prefix by at least one bit');
        if (len > pre.bits) throw new ArgError(i + 1, `would extend prefix to ${len} bits, which is too long for an IPv${pre.bits === 32 ? 4 : 6} address`);
        const step = 1n << BigInt(pre.bits - len);
        const start = ((next + step - 1n) / step) * step;
        const end = pre.addr + (1n << BigInt(pre.bits - pre.len));
        if (start + step > end) throw new ArgError(i + 1, `not enough remaining address space for a subnet with a prefix of ${len} bits after ${out.length ? (out[out.length - 1]!.v as string) : show(pre)}`);
        out.push(str(show({ addr: start, bits: pre.bits, len })));
        next = start + step;
      });
      return list('string', out);
    },
  },
});
