import type { Diagnostic } from '../diag/index.js';
import type { InstanceKey } from '../addrs/index.js';

/** A diagnostic from a handler's `validate`; `attribute` names the top-level argument it is about. */
export type HandlerDiagnostic = Diagnostic & { readonly attribute?: string };

/** A plain JSON object of resource attributes in the state encoding (see `states/model.ts`). */
export type Attributes = Record<string, unknown>;

/** Operation kinds that carry a timeout. */
export type TimeoutKind = 'create' | 'read' | 'update' | 'delete';

/** Progress reporter handed to handlers: an optional percentage and a short message (`"42%"`, `"Creating"`). */
export type ProgressFn = (update: { readonly percent?: number; readonly message?: string }) => void;

/** A minimal logger; messages must never contain secrets. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * What every handler operation receives: the configured provider instance, a deadline (from the
 * resource's `timeouts` block or the handler's defaults) as an AbortSignal that fires at the deadline or
 * on a hard interrupt, a progress reporter and a logger.
 */
export interface OperationContext<P = unknown> {
  readonly provider: P;
  readonly address: string;
  readonly signal: AbortSignal;
  /** Epoch milliseconds at which `signal` aborts because of the timeout. */
  readonly deadline: number;
  readonly progress: ProgressFn;
  readonly log: Logger;
}

/** Context of a create: adds the idempotency token and the early-record hook. */
export interface CreateContext<P = unknown> extends OperationContext<P> {
  /**
   * Idempotency token for the cloud's create call (ClientToken). The engine journals it before the
   * call and hands the same token back when it repeats an interrupted create, so the API returns the
   * object it already made instead of a second one.
   */
  readonly clientToken: string;
  /**
   * Records the object as soon as the cloud has assigned its ID, before any waiting. The engine
   * journals it durably (the promise resolves once it is on disk). If the create later fails or times
   * out, the recorded attributes are kept in state as a tainted object, never forgotten.
   */
  recordPartial(attributes: Attributes): Promise<void>;
}

/** Plan-time request for a resource: the prior state (null on create) and the configuration. */
export interface PlanRequest {
  /** Prior attributes, null when the object does not exist yet. */
  readonly prior: Attributes | null;
  /**
   * The proposed new state: configured values where the configuration sets them, prior values for
   * computed attributes the configuration leaves unset (or null on create). Unknown values are the
   * `UNKNOWN` marker.
   */
  readonly proposed: Attributes;
  /** The configuration alone (unset arguments null). */
  readonly config: Attributes;
  /**
   * The replacement paths the engine derived from the schema (`x-forceNew` attributes whose planned
   * value differs from prior). A handler's `plan` may return a different list (e.g. not replacing when
   * the prior value is null because import could not read it back).
   */
  readonly requiresReplace: readonly (readonly (string | number)[])[];
}

/** Plan-time answer: the planned state (UNKNOWN where known only after apply) and replace triggers. */
export interface PlanResponse {
  readonly planned: Attributes;
  /** Attribute paths whose change forces replacement; when absent, the engine's `requiresReplace` stands. */
  readonly requiresReplace?: readonly (readonly (string | number)[])[];
  readonly diagnostics?: readonly Diagnostic[];
}

/** The marker for a value known only after apply inside `PlanRequest`/`PlanResponse` attribute objects. */
export const UNKNOWN: unique symbol = Symbol.for('minitf.unknown');
export type Unknown = typeof UNKNOWN;

/**
 * A managed resource type. Operations are one request in, one response out. Errors are thrown as
 * `ProviderError` (see `errors.ts`) carrying the API code, request ID and retryability.
 */
export interface ResourceHandler<P = unknown> {
  readonly type: string;
  /**
   * The `schema_version` the state records for its objects (default 0): the provider's version of
   * the type's schema, so Terraform reading the state knows what it holds (hashicorp/random's
   * `random_password` is 3).
   */
  readonly schemaVersion?: number;
  /** Default timeouts in milliseconds per operation kind. */
  readonly timeouts: Partial<Record<TimeoutKind, number>>;
  /**
   * Extra plan-time validation beyond the JSON schema (cross-argument rules). Unknown values are
   * `UNKNOWN`. A diagnostic naming an `attribute` is shown at that argument's source, else at the block.
   */
  validate?(config: Attributes, provider: ProviderConfigView): HandlerDiagnostic[];
  /**
   * Attributes whose value the handler derives from an argument (`{ output: 'input' }`): when any part
   * of the argument is sensitive, the derived attribute is marked sensitive too, so its value is never
   * stored or shown in clear.
   */
  readonly derivedSensitive?: Readonly<Record<string, string>>;
  /** Optional plan customisation (e.g. which computed attributes become unknown on update). */
  plan?(req: PlanRequest, provider: ProviderConfigView): PlanResponse;
  /** Creates the object. All-or-nothing from the engine's view, except what `recordPartial` recorded. */
  create(ctx: CreateContext<P>, config: Attributes): Promise<Attributes>;
  /** Reads the object; null means it is gone. */
  read(ctx: OperationContext<P>, prior: Attributes): Promise<Attributes | null>;
  /** Updates in place; `changed` lists top-level attributes whose value differs from prior. */
  update(ctx: OperationContext<P>, prior: Attributes, config: Attributes, changed: readonly string[]): Promise<Attributes>;
  /** Deletes the object. On failure the object is considered to still exist. A missing object is success. */
  delete(ctx: OperationContext<P>, prior: Attributes): Promise<void>;
  /** Reads an object by its import ID; null when there is no such object. */
  import(ctx: OperationContext<P>, id: string): Promise<Attributes | null>;
}

/** A data source type. */
export interface DataSourceHandler<P = unknown> {
  readonly type: string;
  readonly timeouts?: Partial<Record<'read', number>>;
  validate?(config: Attributes, provider: ProviderConfigView): Diagnostic[];
  read(ctx: OperationContext<P>, config: Attributes): Promise<Attributes>;
  /**
   * Paths in what `read` returned whose values are sensitive (a remote state's sensitive outputs):
   * the engine marks them, so they are sealed in state and never shown.
   */
  sensitive?(result: Attributes): readonly (readonly (string | number)[])[];
}

/** Plan-time view of a provider instance's configuration (no secrets): region etc. */
export interface ProviderConfigView {
  readonly name: string;
  readonly alias?: string;
  readonly key?: InstanceKey;
  readonly region?: string;
}

/**
 * A provider: configures instances (one per provider block, alias or `for_each` key) and owns the
 * handlers of its types. `configure` must not contact the cloud or load SDKs; clients are created
 * lazily on first use.
 */
export interface Provider<P = unknown> {
  /** Local name, e.g. `alicloud`. */
  readonly name: string;
  /** Source address, e.g. `registry.terraform.io/aliyun/alicloud`. */
  readonly source: string;
  readonly resources: Readonly<Record<string, ResourceHandler<P>>>;
  readonly dataSources: Readonly<Record<string, DataSourceHandler<P>>>;
  /**
   * Builds a provider instance from its evaluated configuration (plain JSON, secrets included) and
   * the environment. Problems (unknown region, missing credentials) are diagnostics; `needsCredentials`
   * lets a plan that calls nothing succeed without credentials.
   */
  configure(req: ConfigureRequest): { value: ConfiguredProvider<P> | undefined; diagnostics: Diagnostic[] };
}

/** Input of `Provider.configure`. */
export interface ConfigureRequest {
  readonly config: Record<string, unknown>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The working directory of the run (after `-chdir`): relative paths resolve against it. */
  readonly cwd?: string;
  readonly view: ProviderConfigView;
  /** Human-readable address of the block (`provider["registry.terraform.io/aliyun/alicloud"].hz`). */
  readonly address: string;
  /**
   * Embedded emulator mode: instances without an explicit endpoint in their configuration talk to
   * this endpoint with these (demo) credentials instead of the real cloud.
   */
  readonly emulator?: { readonly endpoint: string; readonly accessKeyId: string; readonly accessKeySecret: string };
}

/** A configured provider instance. `client()` lazily yields what handlers use as `ctx.provider`. */
export interface ConfiguredProvider<P = unknown> {
  readonly view: ProviderConfigView;
  /**
   * Returns the handle that operations receive, validating credentials first; a missing credential is
   * one clear diagnostic naming the provider instance and the variables to set — nothing is sent.
   */
  client(): { value: P | undefined; diagnostics: Diagnostic[] };
}
