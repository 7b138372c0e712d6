/**
 * Parses a Go-style duration (`10m`, `1h30m`, `2s`, `500ms`, `1.5h`, `.5s`) into milliseconds; undefined when
 * the text is not a duration.
 */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const n = Number(m[1]);
    const unit = m[2]!;
    const f = unit === 'h' ? 3_600_000 : unit === 'm' ? 60_000 : unit === 's' ? 1000 : unit === 'ms' ? 1 : unit === 'us' || unit === 'µs' ? 0.001 : 0.000001;
    total += n * f;
    matched += m[0].length;
  }
  return matched === s.length && matched > 0 ? total : undefined;
}

/** Formats milliseconds as Go prints durations in Terraform's messages: `0s`, `11s`, `1m0s`, `1h2m3s`. */
export function formatElapsed(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h) return `${h}h${m}m${s}s`;
  if (m) return `${m}m${s}s`;
  return `${s}s`;
}
