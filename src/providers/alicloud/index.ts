/**
 * The `alicloud` provider: configuration of provider instances (region, credentials, endpoints,
 * timeouts: `settings.ts`), the lazily created official SDK clients (`client.ts`), SDK error
 * classification and retries (`errors.ts`), status waiters (`waiters.ts`), tag handling (`tags.ts`),
 * plan-time argument rules (`validate.ts`), one handler per resource type under `resources/` and per
 * data source under `data/`. The handler interface it implements is `../types.ts`; the engine
 * (`src/core`) drives it, the JSON schemas of its types live in `schemas/` (owned by `src/schema`),
 * and the local cloud it is tested against is `src/emulator`. Nothing here imports the SDK packages
 * until a handler is about to call the API.
 */
import type { ConfigureRequest, ConfiguredProvider, DataSourceHandler, Provider, ResourceHandler } from '../types.js';
import { AlicloudClient } from './client.js';
import { images } from './data/images.js';
import { instanceTypes } from './data/instance_types.js';
import { zones } from './data/zones.js';
import { image } from './resources/image.js';
import { imageCopy } from './resources/image_copy.js';
import { instance } from './resources/instance.js';
import { securityGroup } from './resources/security_group.js';
import { subnet, vswitch } from './resources/vswitch.js';
import { vpc } from './resources/vpc.js';
import { missingCredentials, resolveSettings } from './settings.js';

export { AlicloudClient } from './client.js';
export type { Settings, Credentials, Endpoint, Pacing } from './settings.js';

const resources: Record<string, ResourceHandler<AlicloudClient>> = {};
for (const h of [imageCopy, image, instance, vpc, vswitch, subnet, securityGroup]) resources[h.type] = h;
const dataSources: Record<string, DataSourceHandler<AlicloudClient>> = {};
for (const h of [images, zones, instanceTypes]) dataSources[h.type] = h;

/**
 * Builds a configured instance from a provider block. Never loads the SDK nor contacts the cloud;
 * diagnostics for a bad region, endpoint, timeout or profile. Missing credentials are reported only
 * when `client()` is asked for (so a plan that calls nothing needs none).
 */
function configure(req: ConfigureRequest): { value: ConfiguredProvider<AlicloudClient> | undefined; diagnostics: ReturnType<typeof resolveSettings>['diagnostics'] } {
  const resolved = resolveSettings({
    config: req.config,
    env: req.env,
    address: req.address,
    ...(req.emulator ? { emulator: req.emulator } : {}),
  });
  const settings = resolved.value;
  if (!settings) return { value: undefined, diagnostics: resolved.diagnostics };
  const view = { ...req.view, region: settings.region };
  let handle: AlicloudClient | undefined;
  const configured: ConfiguredProvider<AlicloudClient> = {
    view,
    client() {
      if (!settings.credentials) return { value: undefined, diagnostics: [missingCredentials(req.address)] };
      handle ??= new AlicloudClient(settings, settings.credentials);
      return { value: handle, diagnostics: [] };
    },
  };
  return { value: configured, diagnostics: resolved.diagnostics };
}

/** The alicloud provider (`registry.terraform.io/aliyun/alicloud`). */
export const alicloudProvider: Provider<AlicloudClient> = {
  name: 'alicloud',
  source: 'registry.terraform.io/aliyun/alicloud',
  resources,
  dataSources,
  configure,
};

export default alicloudProvider;
