import { publicEndpoint, type Credentials, type Endpoint, type Pacing, type Product, type Settings } from './settings.js';

/** The ECS SDK package's CommonJS exports (the client class is `.default`, request models are named). */
export type EcsSdk = typeof import('@alicloud/ecs20140526');
/** The VPC SDK package's CommonJS exports. */
export type VpcSdk = typeof import('@alicloud/vpc20160428');
/** An ECS client instance. */
export type EcsClient = InstanceType<EcsSdk['default']>;
/** A VPC client instance. */
export type VpcClient = InstanceType<VpcSdk['default']>;

/** An ECS client with its package (for request models), bound to one region and endpoint. */
export interface EcsApi {
  readonly sdk: EcsSdk;
  readonly client: EcsClient;
  readonly region: string;
  readonly endpoint: Endpoint;
}

/** A VPC client with its package, bound to one region and endpoint. */
export interface VpcApi {
  readonly sdk: VpcSdk;
  readonly client: VpcClient;
  readonly region: string;
  readonly endpoint: Endpoint;
}

let ecsSdk: Promise<EcsSdk> | undefined;
let vpcSdk: Promise<VpcSdk> | undefined;

/**
 * The CommonJS `module.exports` of an SDK package from a dynamic import. Node hands it as the
 * namespace's `default`; loaders that apply their own interop (tsx, some test runners) hand
 * `module.exports` itself as the namespace. Either way the result has the client class as `.default`.
 */
function cjsExports<T>(ns: unknown): T {
  const n = ns as { default?: unknown };
  return (typeof n.default === 'function' ? n : n.default) as T;
}

/** Loads the ECS SDK package once per process (about a second: only when a call is about to happen). */
function loadEcs(): Promise<EcsSdk> {
  ecsSdk ??= import('@alicloud/ecs20140526').then((m) => cjsExports<EcsSdk>(m));
  return ecsSdk;
}

/** Loads the VPC SDK package once per process. */
function loadVpc(): Promise<VpcSdk> {
  vpcSdk ??= import('@alicloud/vpc20160428').then((m) => cjsExports<VpcSdk>(m));
  return vpcSdk;
}

/**
 * What handlers receive as `ctx.provider`: one provider instance's region, pacing and lazily created
 * SDK clients (one per product, region and endpoint). Credentials live in a private field and are
 * never part of messages, logs or `JSON.stringify`/`inspect` output.
 */
export class AlicloudClient {
  /** The provider instance's region: where resources of this instance live. */
  readonly region: string;
  /** The provider block's address (for messages). */
  readonly address: string;
  readonly pacing: Pacing;
  readonly #settings: Settings;
  readonly #credentials: Credentials;
  readonly #clients = new Map<string, Promise<EcsApi | VpcApi>>();
  /** Whether a call has succeeded with these credentials, or the error that rejected them. */
  #verified = false;
  #rejected: unknown;
  #first: Promise<unknown> | undefined;

  /** Builds the handle; nothing is loaded or sent until the first `ecs()`/`vpc()` call. */
  constructor(settings: Settings, credentials: Credentials) {
    this.region = settings.region;
    this.address = settings.address;
    this.pacing = settings.pacing;
    this.#settings = settings;
    this.#credentials = credentials;
  }

  /**
   * Runs an API call, sending at most one request until the credentials are known to work: calls made
   * while the first is in flight wait for it; once the cloud has rejected the credentials, every later
   * call fails with that same error without sending anything.
   */
  async checkedCall<T>(fn: () => Promise<T>, rejected: (e: unknown) => boolean): Promise<T> {
    for (;;) {
      if (this.#rejected !== undefined) throw this.#rejected;
      if (this.#verified) return fn();
      if (!this.#first) break;
      await this.#first.catch(() => {});
    }
    const p = fn();
    this.#first = p;
    try {
      const v = await p;
      this.#verified = true;
      return v;
    } catch (e) {
      if (rejected(e)) this.#rejected = e;
      else this.#first = undefined;
      throw e;
    }
  }

  /** The endpoint used for `product` in `region`: the configured one, else the public regional endpoint. */
  endpointFor(product: Product, region: string = this.region): Endpoint {
    return this.#settings.endpoints[product] ?? publicEndpoint(product, region);
  }

  #config(product: Product, region: string): { config: Record<string, unknown>; endpoint: Endpoint } {
    const endpoint = this.endpointFor(product, region);
    const c = this.#credentials;
    return {
      endpoint,
      config: {
        accessKeyId: c.accessKeyId,
        accessKeySecret: c.accessKeySecret,
        ...(c.securityToken !== undefined ? { securityToken: c.securityToken } : {}),
        endpoint: endpoint.host,
        protocol: endpoint.protocol,
        regionId: region,
        readTimeout: this.#settings.readTimeoutMs,
        connectTimeout: this.#settings.connectTimeoutMs,
      },
    };
  }

  /** The ECS client for `region` (default: the instance's region), created on first use. */
  ecs(region: string = this.region): Promise<EcsApi> {
    const { config, endpoint } = this.#config('ecs', region);
    const key = `ecs|${region}|${endpoint.protocol}://${endpoint.host}`;
    let p = this.#clients.get(key) as Promise<EcsApi> | undefined;
    if (!p) {
      p = loadEcs().then((sdk) => ({ sdk, client: new sdk.default(config as never), region, endpoint }));
      p.catch(() => this.#clients.delete(key));
      this.#clients.set(key, p);
    }
    return p;
  }

  /** The VPC client for `region` (default: the instance's region), created on first use. */
  vpc(region: string = this.region): Promise<VpcApi> {
    const { config, endpoint } = this.#config('vpc', region);
    const key = `vpc|${region}|${endpoint.protocol}://${endpoint.host}`;
    let p = this.#clients.get(key) as Promise<VpcApi> | undefined;
    if (!p) {
      p = loadVpc().then((sdk) => ({ sdk, client: new sdk.default(config as never), region, endpoint }));
      p.catch(() => this.#clients.delete(key));
      this.#clients.set(key, p);
    }
    return p;
  }

  /** How many SDK clients this handle has created so far (for tests and diagnostics). */
  get clientCount(): number {
    return this.#clients.size;
  }

  /** Keeps credentials out of JSON. */
  toJSON(): Record<string, unknown> {
    return { address: this.address, region: this.region };
  }
}
