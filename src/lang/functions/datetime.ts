import { num, str } from '../values/value.js';
import { S } from './helpers.js';
import { register } from './registry.js';
import { ArgError, FuncError, p } from './types.js';

/** A parsed RFC 3339 timestamp: epoch milliseconds, fractional nanos text and the zone offset in minutes. */
interface Stamp {
  readonly ms: number;
  readonly frac: string;
  readonly offset: number;
  readonly utc: boolean;
}

function parseStamp(s: string, i: number): Stamp {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m) throw new ArgError(i, `not a valid RFC3339 timestamp: cannot use ${JSON.stringify(s)} as year`);
  const [, y, mo, d, h, mi, se, frac = '', z] = m;
  const utc = z === 'Z' || z === 'z';
  const offset = utc ? 0 : (z!.startsWith('-') ? -1 : 1) * (Number(z!.slice(1, 3)) * 60 + Number(z!.slice(4, 6)));
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se)) - offset * 60000;
  return { ms: ms + Math.floor(Number(`0${frac || '.0'}`) * 1000), frac, offset, utc };
}

function parts(st: Stamp): Date {
  return new Date(st.ms + st.offset * 60000);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function zone(st: Stamp, colon: boolean): string {
  if (st.utc && colon) return 'Z';
  const o = Math.abs(st.offset);
  return `${st.offset < 0 ? '-' : '+'}${pad(Math.floor(o / 60))}${colon ? ':' : ''}${pad(o % 60)}`;
}

function rfc3339(st: Stamp): string {
  const d = parts(st);
  const frac = st.frac;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac}${zone(st, true)}`;
}

function formatDate(fmt: string, st: Stamp): string {
  const d = parts(st);
  let out = '';
  const re = /'((?:[^']|'')*)'|([A-Za-z])\2*/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(fmt))) {
    out += fmt.slice(last, m.index);
    last = re.lastIndex;
    if (m[1] !== undefined) {
      out += m[1].replace(/''/g, "'");
      continue;
    }
    const tok = m[0];
    const h = d.getUTCHours();
    const table: Record<string, () => string> = {
      YYYY: () => pad(d.getUTCFullYear(), 4),
      YY: () => pad(d.getUTCFullYear() % 100),
      MMMM: () => MONTHS[d.getUTCMonth()]!,
      MMM: () => MONTHS[d.getUTCMonth()]!.slice(0, 3),
      MM: () => pad(d.getUTCMonth() + 1),
      M: () => String(d.getUTCMonth() + 1),
      DD: () => pad(d.getUTCDate()),
      D: () => String(d.getUTCDate()),
      EEEE: () => DAYS[d.getUTCDay()]!,
      EEE: () => DAYS[d.getUTCDay()]!.slice(0, 3),
      // Terraform's formatdate: `h` is the 24-hour clock and `H` the 12-hour one (checked with 1.11.4).
      hh: () => pad(h),
      h: () => String(h),
      HH: () => pad(h % 12 || 12),
      H: () => String(h % 12 || 12),
      AA: () => (h < 12 ? 'AM' : 'PM'),
      aa: () => (h < 12 ? 'am' : 'pm'),
      mm: () => pad(d.getUTCMinutes()),
      m: () => String(d.getUTCMinutes()),
      ss: () => pad(d.getUTCSeconds()),
      s: () => String(d.getUTCSeconds()),
      ZZZZZ: () => zone({ ...st, utc: false }, true),
      ZZZZ: () => zone({ ...st, utc: false }, false),
      ZZZ: () => (st.utc ? 'UTC' : zone({ ...st, utc: false }, false)),
      Z: () => zone(st, true),
    };
    const f = table[tok];
    if (!f) throw new ArgError(0, `invalid date format verb ${JSON.stringify(tok)}: unrecognized format sequence`);
    out += f();
  }
  return out + fmt.slice(last);
}

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };

/** Go's largest duration: 2^63-1 nanoseconds, in milliseconds. */
const MAX_DURATION_MS = 9223372036854.775807;

/** Go's `time.ParseDuration`, in milliseconds, with its messages (`time: unknown unit "x" in duration "1x"`). */
function parseDuration(s: string): number {
  if (s === '0') return 0;
  const invalid = () => new FuncError(`time: invalid duration ${JSON.stringify(s)}`);
  const body = s.replace(/^[-+]/, '');
  if (!body) throw invalid();
  let total = 0;
  let rest = body;
  while (rest) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)([^\d.]*)/.exec(rest);
    if (!m) throw invalid();
    if (!m[2]) throw new FuncError(`time: missing unit in duration ${JSON.stringify(s)}`);
    const unit = /^(ns|us|µs|μs|ms|s|m|h)/.exec(m[2])?.[1];
    if (!unit || unit.length !== m[2].length && /^[^\d.]/.test(m[2].slice(unit.length))) throw new FuncError(`time: unknown unit ${JSON.stringify(m[2])} in duration ${JSON.stringify(s)}`);
    total += Number(m[1]) * UNITS[unit === 'μs' ? 'µs' : unit]!;
    if (total > MAX_DURATION_MS) throw invalid();
    rest = rest.slice(m[1]!.length + unit.length);
  }
  return s.startsWith('-') ? -total : total;
}

register({
  formatdate: {
    params: [p('format', 'string'), p('time', 'string')],
    returns: 'string',
    impl: ([f, t]) => str(formatDate(S(f!), parseStamp(S(t!), 1))),
  },
  timeadd: {
    params: [p('timestamp', 'string'), p('duration', 'string')],
    returns: 'string',
    impl: ([t, d]) => {
      const st = parseStamp(S(t!), 0);
      return str(rfc3339({ ...st, ms: st.ms + parseDuration(S(d!)) }));
    },
  },
  timecmp: {
    params: [p('timestamp_a', 'string'), p('timestamp_b', 'string')],
    returns: 'number',
    impl: ([a, b]) => {
      const x = parseStamp(S(a!), 0).ms;
      const y = parseStamp(S(b!), 1).ms;
      return num(x < y ? -1 : x > y ? 1 : 0);
    },
  },
  timestamp: {
    params: [],
    returns: 'string',
    impure: true,
    impl: () => str(new Date().toISOString().replace(/\.\d+Z$/, 'Z')),
  },
  plantimestamp: {
    params: [],
    returns: 'string',
    impl: () => str(new Date().toISOString().replace(/\.\d+Z$/, 'Z')),
  },
});
