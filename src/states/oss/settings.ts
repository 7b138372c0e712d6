import { error, warning, type Diagnostic } from '../../diag/index.js';
import { bool, str, type ResolvedSettings, type SettingsSchema } from '../settings.js';
import type { StorageContext } from '../storage.js';

const ACLS = ['private', 'public-read', 'public-read-write'];
const noSlashes = (what: string) => (v: unknown) => (String(v).startsWith('/') || String(v).endsWith('/') ? `The ${what} can not start or end with "/".` : undefined);

/**
 * The arguments of `backend "oss"` as Terraform 1.11 declares them (`internal/backend/remote-state/oss`),
 * with its environment variables. TableStore locking, RAM roles and credential profiles are accepted
 * as arguments but not implemented: `check` says so where it matters.
 */
export const OSS_SETTINGS: SettingsSchema = {
  bucket: { type: 'string', description: 'the name of the OSS bucket', required: true },
  prefix: {
    type: 'string',
    description: 'the directory of the state files inside the bucket',
    default: 'env:',
    validate: (v) => (String(v).startsWith('/') || String(v).startsWith('./') ? 'The prefix must not start with "/" or "./".' : undefined),
  },
  key: { type: 'string', description: 'the name of the state file', default: 'terraform.tfstate', validate: noSlashes('key') },
  region: { type: 'string', description: 'the region of the bucket', env: ['ALICLOUD_REGION', 'ALICLOUD_DEFAULT_REGION'], required: true },
  endpoint: { type: 'string', description: 'a custom endpoint for the OSS API', env: ['ALICLOUD_OSS_ENDPOINT', 'OSS_ENDPOINT'] },
  access_key: { type: 'string', description: 'the access key ID', env: ['ALICLOUD_ACCESS_KEY', 'ALICLOUD_ACCESS_KEY_ID'], secret: true },
  secret_key: {
    type: 'string',
    description: 'the access key secret',
    env: ['ALICLOUD_SECRET_KEY', 'ALICLOUD_ACCESS_KEY_SECRET'],
    secret: true,
    inBlockWarning: () => ({ summary: 'Secret key in the backend configuration', detail: 'The backend block contains secret_key. Pass it with ALICLOUD_SECRET_KEY or -backend-config="secret_key=…" instead, so it does not live in the configuration files.' }),
  },
  security_token: { type: 'string', description: 'an STS security token', env: ['ALICLOUD_SECURITY_TOKEN'], secret: true },
  encrypt: { type: 'bool', description: 'server-side encryption (AES256) of the state objects', default: false },
  acl: { type: 'string', description: 'the object ACL of the state objects', validate: (v) => (ACLS.includes(String(v)) ? undefined : `"acl" must be one of ${ACLS.map((a) => `"${a}"`).join(', ')}, got "${String(v)}".`) },
  tablestore_endpoint: { type: 'string', description: 'the TableStore endpoint for locking (not implemented)', env: ['ALICLOUD_TABLESTORE_ENDPOINT'] },
  tablestore_table: { type: 'string', description: 'the TableStore table for locking (not implemented)' },
  ecs_role_name: { type: 'string', description: 'the RAM role of an ECS instance (not implemented)', env: ['ALICLOUD_ECS_ROLE_NAME'] },
  sts_endpoint: { type: 'string', description: 'a custom STS endpoint (for assume_role, not implemented)', env: ['ALICLOUD_STS_ENDPOINT'] },
  shared_credentials_file: { type: 'string', description: 'the aliyun CLI config file (profiles are not implemented)', env: ['ALICLOUD_SHARED_CREDENTIALS_FILE'] },
  profile: { type: 'string', description: 'a profile of the aliyun CLI config file (not implemented)', env: ['ALICLOUD_PROFILE'] },
  assume_role_role_arn: { type: 'string', description: 'a RAM role to assume (not implemented)', env: ['ALICLOUD_ASSUME_ROLE_ARN'] },
  assume_role_session_name: { type: 'string', description: 'the session name when assuming a role', env: ['ALICLOUD_ASSUME_ROLE_SESSION_NAME'] },
  assume_role_policy: { type: 'string', description: 'a policy restricting the assumed role' },
  assume_role_session_expiration: { type: 'number', description: 'seconds before the assumed role expires (900–3600)', validate: (v) => (Number(v) < 900 || Number(v) > 3600 ? 'expected assume_role_session_expiration to be in the range (900 - 3600).' : undefined) },
  assume_role: { type: 'object', description: 'deprecated: use the assume_role_* arguments' },
};

/** How the backend reaches OSS once its settings are checked. */
export interface OssTarget {
  readonly bucket: string;
  readonly region: string;
  /** `https://oss-cn-hangzhou.aliyuncs.com`, a custom endpoint, or the embedded emulator. */
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
  /** The state objects' `x-oss-server-side-encryption` (`encrypt = true`). */
  readonly sse?: 'AES256';
  /** The state objects' `x-oss-object-acl`. */
  readonly acl?: string;
  /** True when pointed at the embedded emulator (a missing bucket is then made, with a notice). */
  readonly emulated: boolean;
  readonly prefix: string;
  readonly key: string;
}

/**
 * The endpoint and credentials, from the settings or (in `-emulator` mode, when no endpoint of its own is
 * set) the embedded emulator; diagnostics for what minitf does not implement and for missing credentials.
 */
export function ossTarget(s: ResolvedSettings, ctx: StorageContext): { target?: OssTarget; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const subject = s.range ? { subject: s.range } : {};
  if (str(s, 'tablestore_table') || str(s, 'tablestore_endpoint')) {
    diags.push(
      warning(
        'TableStore locking is not implemented',
        'minitf does not lock the oss backend through TableStore: it ignores tablestore_endpoint and tablestore_table and takes the lock with a lock object beside the state ("<state>.tflock", written with x-oss-forbid-overwrite, holder info inside). Runs of minitf exclude each other; a Terraform run locking through TableStore and a minitf run do not. Remove the tablestore_* arguments to silence this warning.',
        subject,
      ),
    );
  }
  const role = str(s, 'assume_role_role_arn') || (s.values.assume_role ? 'assume_role block' : '');
  if (role) diags.push(error('Assuming a RAM role is not implemented', 'The oss backend of minitf does not assume RAM roles (assume_role_role_arn, ALICLOUD_ASSUME_ROLE_ARN or an assume_role block). Give the credentials of the role directly: access_key, secret_key and security_token (or ALICLOUD_ACCESS_KEY, ALICLOUD_SECRET_KEY, ALICLOUD_SECURITY_TOKEN).', subject));
  const prefix = str(s, 'prefix').replace(/^\/+|\/+$/g, '').replace(/^\.\//, '');
  const base = { bucket: str(s, 'bucket'), region: str(s, 'region'), prefix, key: str(s, 'key'), ...(bool(s, 'encrypt') ? { sse: 'AES256' as const } : {}), ...(str(s, 'acl') ? { acl: str(s, 'acl') } : {}) };
  if (ctx.emulator && s.values.endpoint === undefined) {
    return { target: { ...base, endpoint: `http://${ctx.emulator.endpoint}`, accessKeyId: ctx.emulator.accessKeyId, accessKeySecret: ctx.emulator.accessKeySecret, emulated: true }, diagnostics: diags };
  }
  const accessKeyId = str(s, 'access_key');
  const accessKeySecret = str(s, 'secret_key');
  if (!accessKeyId || !accessKeySecret) {
    const instead = str(s, 'ecs_role_name') ? ` (ecs_role_name "${str(s, 'ecs_role_name')}" is set, but minitf does not read credentials from the ECS metadata service)` : str(s, 'profile') ? ` (profile "${str(s, 'profile')}" is set, but the oss backend of minitf does not read profiles of the aliyun CLI config file)` : '';
    diags.push(error('No credentials for the oss backend', `The oss backend needs an access key${instead}: set access_key and secret_key, or ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY (with ALICLOUD_SECURITY_TOKEN for STS credentials). Nothing was sent to OSS.`, subject));
  }
  if (diags.some((d) => d.severity === 'error')) return { diagnostics: diags };
  const given = str(s, 'endpoint') || `oss-${base.region}.aliyuncs.com`;
  const endpoint = /^https?:\/\//.test(given) ? given : `https://${given}`;
  const token = str(s, 'security_token');
  return { target: { ...base, endpoint, accessKeyId, accessKeySecret, ...(token ? { securityToken: token } : {}), emulated: false }, diagnostics: diags };
}
