/**
 * The `oss` backend: states in an Alibaba Cloud OSS bucket, laid out as Terraform's oss backend lays
 * them out (`<prefix>/<key>`, `<prefix>/<workspace>/<key>`), so Terraform reads them; minitf's journal
 * and backup live under `<prefix>.minitf/`, outside what Terraform lists. Locks are lock objects
 * written with `x-oss-forbid-overwrite` (`lock.ts`); TableStore locking is not implemented. The
 * official `ali-oss` SDK is imported when a backend first talks to OSS (`client.ts`). Arguments and
 * environment variables are Terraform's (`settings.ts`). In `-emulator` mode an oss backend without an
 * endpoint of its own uses the embedded emulator. What the bytes mean is `../manager.ts`'s.
 */
import type { BackendDefinition } from '../storage.js';
import { OssClient } from './client.js';
import { OSS_SETTINGS, ossTarget } from './settings.js';
import { OssStorage, ossKeys } from './storage.js';
import { OssWorkspaces } from './workspaces.js';

export { OssBackendError } from './client.js';
export { OssStorage, ossKeys, type OssKeys } from './storage.js';
export { OSS_SETTINGS } from './settings.js';

/** `backend "oss" { bucket, prefix, key, region, endpoint, encrypt, acl, … }`: nothing is sent until the state is used. */
export const backend: BackendDefinition = {
  name: 'oss',
  shared: true,
  settings: OSS_SETTINGS,
  open(settings, ctx) {
    const t = ossTarget(settings, ctx);
    if (!t.target) return { value: undefined, diagnostics: t.diagnostics };
    return { value: new OssStorage(new OssClient(t.target, ctx.notice), ossKeys(t.target.prefix, t.target.key, ctx.workspace)), diagnostics: t.diagnostics };
  },
  workspaces(settings, ctx) {
    const t = ossTarget(settings, ctx);
    if (!t.target) return { value: undefined, diagnostics: t.diagnostics };
    return { value: new OssWorkspaces(new OssClient(t.target, ctx.notice)), diagnostics: t.diagnostics };
  },
};
