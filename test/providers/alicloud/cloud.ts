import type { RunningEmulator } from '../../../src/emulator/index.js';
import type { AlicloudClient } from '../../../src/providers/alicloud/index.js';
import { configureClient } from './helpers.js';

/** A provider instance of `region` talking to `emu` through explicit endpoints (URL form for ECS, host:port for VPC). */
export function providerFor(emu: RunningEmulator, region: string, creds?: { id: string; secret: string }): AlicloudClient {
  return configureClient({
    region,
    access_key: creds?.id ?? emu.accessKeyId,
    secret_key: creds?.secret ?? emu.accessKeySecret,
    endpoints: { ecs: emu.url, vpc: emu.endpoint },
  });
}

/** A provider instance of `region` in embedded-emulator mode (no endpoints, no credentials configured). */
export function embeddedProvider(emu: RunningEmulator, region: string): AlicloudClient {
  return configureClient({ region }, {}, { emulator: { endpoint: emu.endpoint, accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret } });
}
