import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { error, type Diagnostic } from '../../diag/index.js';
import { UNKNOWN } from '../types.js';
import { DEFAULT_REGION, isKnownRegion } from './regions.js';

/** An API endpoint split for the SDK: `protocol` and `host[:port]`. */
export interface Endpoint {
  readonly protocol: 'http' | 'https';
  readonly host: string;
}

/** Access credentials (secret: never logged, never stored). */
export interface Credentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
}

/** Polling and retry pacing, in milliseconds. */
export interface Pacing {
  /** First poll of a waiter, then doubling up to `pollMaxMs`. */
  readonly pollFirstMs: number;
  readonly pollMaxMs: number;
  /** First retry delay of a failed call, then doubling (with jitter) up to `retryMaxMs`. */
  readonly retryMinMs: number;
  readonly retryMaxMs: number;
  /** How long a waiter tolerates a just-created object missing from the API's answers. */
  readonly notFoundGraceMs: number;
}

/** Everything a configured provider instance knows, resolved from arguments, environment and profile. */
export interface Settings {
  /** The provider block's address, used in messages (never secrets). */
  readonly address: string;
  readonly region: string;
  /** Undefined when no source gave both an access key and a secret. */
  readonly credentials: Credentials | undefined;
  /** Explicit endpoints (argument, environment or embedded emulator); absent products use the public regional endpoint. */
  readonly endpoints: Readonly<Partial<Record<Product, Endpoint>>>;
  readonly readTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly pacing: Pacing;
}

/** The API products minitf calls. */
export type Product = 'ecs' | 'vpc';

/** Environment variables consulted for each credential, in order (after the argument). */
export const CREDENTIAL_ENV = {
  access_key: ['ALICLOUD_ACCESS_KEY', 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABACLOUD_ACCESS_KEY_ID'],
  secret_key: ['ALICLOUD_SECRET_KEY', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABACLOUD_ACCESS_KEY_SECRET'],
  security_token: ['ALICLOUD_SECURITY_TOKEN', 'ALIBABA_CLOUD_SECURITY_TOKEN', 'ALIBABACLOUD_SECURITY_TOKEN'],
} as const;

const REGION_ENV = ['ALICLOUD_REGION', 'ALIBABA_CLOUD_REGION'];
const PROFILE_ENV = ['ALICLOUD_PROFILE', 'ALIBABA_CLOUD_PROFILE'];
const DEFAULT_TIMEOUT_MS = 60_000;

/** Default pacing: first poll after 1 s doubling to 10 s; retries from 1 s doubling to 20 s. */
export const DEFAULT_PACING: Pacing = { pollFirstMs: 1000, pollMaxMs: 10_000, retryMinMs: 1000, retryMaxMs: 20_000, notFoundGraceMs: 15_000 };

type Env = Readonly<Record<string, string | undefined>>;

/** Inputs of `resolveSettings`: the provider block's evaluated arguments and the environment. */
export interface SettingsInput {
  readonly config: Record<string, unknown>;
  readonly env: Env;
  readonly address: string;
  readonly emulator?: { readonly endpoint: string; readonly accessKeyId: string; readonly accessKeySecret: string };
}

function firstEnv(env: Env, names: readonly string[]): string | undefined {
  for (const n of names) {
    const v = env[n];
    if (v !== undefined && v !== '') return v;
  }
  return undefined;
}

function argString(config: Record<string, unknown>, key: string): string | undefined {
  const v = config[key];
  if (v === UNKNOWN || v === null || v === undefined || v === '') return undefined;
  return typeof v === 'string' ? v : String(v);
}

/**
 * Splits an endpoint written as a URL (`http://127.0.0.1:4000`) or `host[:port]` into the SDK's
 * protocol and host. A bare loopback host (`localhost`, `127.x`, `[::1]`) means plain HTTP, any other
 * bare host HTTPS. Returns undefined for text that is neither.
 */
export function parseEndpoint(text: string): Endpoint | undefined {
  const t = text.trim();
  const m = /^(https?):\/\/([^/?#]+)\/?$/i.exec(t);
  if (m) return { protocol: m[1]!.toLowerCase() as 'http' | 'https', host: m[2]! };
  if (!/^[A-Za-z0-9.\-[\]:]+$/.test(t) || t.includes('://')) return undefined;
  const hostOnly = t.startsWith('[') ? t.slice(0, t.indexOf(']') + 1) : t.split(':')[0]!;
  const loopback = hostOnly === 'localhost' || /^127\./.test(hostOnly) || hostOnly === '[::1]';
  return { protocol: loopback ? 'http' : 'https', host: t };
}

/** The public regional endpoint of a product (`ecs.cn-hangzhou.aliyuncs.com`, HTTPS). */
export function publicEndpoint(product: Product, region: string): Endpoint {
  return { protocol: 'https', host: `${product}.${region}.aliyuncs.com` };
}

/** Reads `endpoints` given as an object or a one-element list of objects. */
function endpointsArg(config: Record<string, unknown>): Record<string, unknown> {
  const raw = config.endpoints;
  if (Array.isArray(raw)) return (raw[0] && typeof raw[0] === 'object' ? raw[0] : {}) as Record<string, unknown>;
  if (raw && typeof raw === 'object') return raw as Record<string, unknown>;
  return {};
}

interface Profile {
  readonly accessKeyId?: string;
  readonly accessKeySecret?: string;
  readonly securityToken?: string;
  readonly region?: string;
}

/** Loads a named profile from the aliyun CLI's `config.json`; diagnostics for an unreadable file or unknown name. */
function loadProfile(name: string, file: string, address: string): { profile?: Profile; diagnostics: Diagnostic[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read as JSON';
    return { diagnostics: [error('Invalid provider profile', `The profile "${name}" of ${address} was requested, but ${file} ${why}.`)] };
  }
  const profiles = (doc as { profiles?: unknown }).profiles;
  const found = Array.isArray(profiles) ? profiles.find((p) => p && (p as { name?: unknown }).name === name) : undefined;
  if (!found) {
    return { diagnostics: [error('Invalid provider profile', `${file} has no profile named "${name}" (requested by ${address}).`)] };
  }
  const p = found as Record<string, unknown>;
  const s = (k: string) => (typeof p[k] === 'string' && p[k] !== '' ? (p[k] as string) : undefined);
  const mode = s('mode') ?? 'AK';
  if (mode !== 'AK' && mode !== 'StsToken') {
    return { diagnostics: [error('Unsupported profile mode', `Profile "${name}" in ${file} uses mode "${mode}"; minitf supports the AK and StsToken modes.`)] };
  }
  const profile: Profile = {
    ...(s('access_key_id') ? { accessKeyId: s('access_key_id') } : {}),
    ...(s('access_key_secret') ? { accessKeySecret: s('access_key_secret') } : {}),
    ...(mode === 'StsToken' && s('sts_token') ? { securityToken: s('sts_token') } : {}),
    ...(s('region_id') ? { region: s('region_id') } : {}),
  };
  return { profile, diagnostics: [] };
}

function positiveInt(value: unknown, what: string, address: string, diags: Diagnostic[]): number | undefined {
  if (value === undefined || value === null || value === '' || value === UNKNOWN) return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n <= 0) {
    diags.push(error('Invalid provider argument', `${what} of ${address} must be a positive whole number of milliseconds.`));
    return undefined;
  }
  return n;
}

function pacingFromEnv(env: Env): Pacing {
  const pick = (name: string, dflt: number) => {
    const n = Number(env[name]);
    return env[name] !== undefined && Number.isFinite(n) && n >= 0 ? n : dflt;
  };
  return {
    pollFirstMs: pick('MINITF_ALICLOUD_POLL_FIRST_MS', DEFAULT_PACING.pollFirstMs),
    pollMaxMs: pick('MINITF_ALICLOUD_POLL_MAX_MS', DEFAULT_PACING.pollMaxMs),
    retryMinMs: pick('MINITF_ALICLOUD_RETRY_MIN_MS', DEFAULT_PACING.retryMinMs),
    retryMaxMs: pick('MINITF_ALICLOUD_RETRY_MAX_MS', DEFAULT_PACING.retryMaxMs),
    notFoundGraceMs: pick('MINITF_ALICLOUD_NOT_FOUND_GRACE_MS', DEFAULT_PACING.notFoundGraceMs),
  };
}

/**
 * Resolves a provider block into `Settings` without touching the network or the SDK.
 *
 * - region: argument → `ALICLOUD_REGION`/`ALIBABA_CLOUD_REGION` → profile `region_id` → `cn-beijing`,
 *   checked against known regions unless `skip_region_validation`;
 * - credentials: per field, argument → `ALICLOUD_*` → `ALIBABA_CLOUD_*` → `ALIBABACLOUD_*`; when the key
 *   or secret is still missing, the named `profile` (argument or `ALICLOUD_PROFILE`/`ALIBABA_CLOUD_PROFILE`)
 *   of `$HOME/.aliyun/config.json` (or `shared_credentials_file`) fills them;
 * - endpoints per product: `endpoints.<p>` → `ALIBABA_CLOUD_ENDPOINT_<P>` → `<P>_ENDPOINT` → the embedded
 *   emulator (whose credentials then replace any others) → public regional endpoint (chosen per call);
 * - `client_read_timeout`/`client_connect_timeout` (ms): argument → `CLIENT_READ_TIMEOUT`/
 *   `CLIENT_CONNECT_TIMEOUT` → 60000;
 * - pacing from `MINITF_ALICLOUD_POLL_FIRST_MS`, `_POLL_MAX_MS`, `_RETRY_MIN_MS`, `_RETRY_MAX_MS`,
 *   `_NOT_FOUND_GRACE_MS` (tests run fast with them).
 *
 * Missing credentials are not an error here (see `AlicloudProvider.client`). Settings are undefined only
 * when an error diagnostic is returned.
 */
export function resolveSettings(input: SettingsInput): { value: Settings | undefined; diagnostics: Diagnostic[] } {
  const { config, env, address } = input;
  const diags: Diagnostic[] = [];

  const profileName = argString(config, 'profile') ?? firstEnv(env, PROFILE_ENV);
  let profile: Profile | undefined;
  if (profileName !== undefined) {
    const home = env.HOME ?? homedir();
    const file = argString(config, 'shared_credentials_file') ?? join(home, '.aliyun', 'config.json');
    const loaded = loadProfile(profileName, file, address);
    diags.push(...loaded.diagnostics);
    profile = loaded.profile;
  }

  const region = argString(config, 'region') ?? firstEnv(env, REGION_ENV) ?? profile?.region ?? DEFAULT_REGION;
  const skipRegionCheck = config.skip_region_validation === true;
  if (!skipRegionCheck && !isKnownRegion(region)) {
    diags.push(error('Invalid provider region', `${address} names region "${region}", which is not a known Alibaba Cloud region. Check the spelling, or set skip_region_validation = true.`));
  }

  const field = (arg: keyof typeof CREDENTIAL_ENV) => argString(config, arg) ?? firstEnv(env, CREDENTIAL_ENV[arg]);
  let accessKeyId = field('access_key');
  let accessKeySecret = field('secret_key');
  let securityToken = field('security_token');
  if ((accessKeyId === undefined || accessKeySecret === undefined) && profile) {
    accessKeyId ??= profile.accessKeyId;
    accessKeySecret ??= profile.accessKeySecret;
    securityToken ??= profile.securityToken;
  }

  const endpoints: Partial<Record<Product, Endpoint>> = {};
  const endpointArgs = endpointsArg(config);
  let usesEmulator = false;
  for (const product of ['ecs', 'vpc'] as const) {
    const upper = product.toUpperCase();
    const text = argString(endpointArgs, product) ?? firstEnv(env, [`ALIBABA_CLOUD_ENDPOINT_${upper}`, `${upper}_ENDPOINT`]);
    if (text !== undefined) {
      const ep = parseEndpoint(text);
      if (ep) endpoints[product] = ep;
      else diags.push(error('Invalid provider endpoint', `The ${product} endpoint "${text}" of ${address} is neither a URL (http://host:port) nor host:port.`));
    } else if (input.emulator) {
      const ep = parseEndpoint(input.emulator.endpoint);
      if (!ep) diags.push(error('Invalid emulator endpoint', `The embedded emulator endpoint "${input.emulator.endpoint}" cannot be used.`));
      else {
        endpoints[product] = ep;
        usesEmulator = true;
      }
    }
  }
  let credentials: Credentials | undefined;
  if (usesEmulator && input.emulator) {
    credentials = { accessKeyId: input.emulator.accessKeyId, accessKeySecret: input.emulator.accessKeySecret };
  } else if (accessKeyId !== undefined && accessKeySecret !== undefined) {
    credentials = { accessKeyId, accessKeySecret, ...(securityToken !== undefined ? { securityToken } : {}) };
  }

  const readTimeoutMs = positiveInt(config.client_read_timeout ?? env.CLIENT_READ_TIMEOUT, 'client_read_timeout', address, diags) ?? DEFAULT_TIMEOUT_MS;
  const connectTimeoutMs = positiveInt(config.client_connect_timeout ?? env.CLIENT_CONNECT_TIMEOUT, 'client_connect_timeout', address, diags) ?? DEFAULT_TIMEOUT_MS;

  if (diags.some((d) => d.severity === 'error')) return { value: undefined, diagnostics: diags };
  return {
    value: { address, region, credentials, endpoints, readTimeoutMs, connectTimeoutMs, pacing: pacingFromEnv(env) },
    diagnostics: diags,
  };
}

/** The one diagnostic for a provider instance without credentials: names the instance and what to set. */
export function missingCredentials(address: string): Diagnostic {
  return error(
    'No credentials for the Alibaba Cloud provider',
    `${address} has no access key. Set access_key and secret_key in its provider block, or the environment variables ` +
      `ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY (or ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET), ` +
      `or name a profile of ~/.aliyun/config.json with profile or ALICLOUD_PROFILE. Nothing was sent to the cloud.`,
  );
}
