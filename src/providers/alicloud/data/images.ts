import { error, type Diagnostic } from '../../../diag/index.js';
import type { Attributes, DataSourceHandler } from '../../types.js';
import type { AlicloudClient } from '../client.js';
import { call } from '../errors.js';
import { INVALID_VALUE, bool, known, str } from '../validate.js';
import type { ImageInfo } from '../resources/image_api.js';
import { listId } from './common.js';

const OWNERS = ['system', 'self', 'others', 'marketplace'];

function imageItem(i: ImageInfo & { description?: string }): Attributes {
  return {
    id: i.imageId ?? null,
    image_id: i.imageId ?? null,
    name: i.imageName ?? null,
    image_name: i.imageName ?? null,
    description: i.description ?? null,
    image_owner_alias: i.imageOwnerAlias ?? null,
    os_type: i.OSType ?? null,
    os_name: i.OSName ?? null,
    platform: i.platform ?? null,
    architecture: i.architecture ?? null,
    creation_time: i.creationTime ?? null,
    status: i.status ?? null,
    size: i.size ?? null,
  };
}

/**
 * Data source `alicloud_images`: DescribeImages in the provider's region (`ImageOwnerAlias` = `owners`,
 * `Status` default `Available`, all pages of 100), then `name_regex` on the name, `architecture` and
 * `os_type` client-side; `most_recent` keeps only the newest `CreationTime`. Exports `ids`, `images[]`.
 * No match is not an error.
 */
export const images: DataSourceHandler<AlicloudClient> = {
  type: 'alicloud_images',

  validate(config: Attributes): Diagnostic[] {
    const out: Diagnostic[] = [];
    if (config.name_regex == null && config.owners == null && config.image_owner_id == null) {
      out.push(error('Missing required argument', 'alicloud_images needs at least one of "name_regex", "owners" or "image_owner_id".'));
    }
    if (typeof config.name_regex === 'string') {
      try {
        new RegExp(config.name_regex);
      } catch (e) {
        out.push(error(INVALID_VALUE, `"name_regex" is not a valid regular expression: ${(e as Error).message}`));
      }
    }
    if (typeof config.owners === 'string' && !OWNERS.includes(config.owners)) {
      out.push(error(INVALID_VALUE, `"owners" must be one of ${OWNERS.join(', ')} (got "${config.owners}").`));
    }
    return out;
  },

  async read(ctx, config) {
    const api = await ctx.provider.ecs();
    const found: ImageInfo[] = [];
    for (let page = 1; page <= 100; page++) {
      const req = new api.sdk.DescribeImagesRequest({
        regionId: api.region,
        pageNumber: page,
        pageSize: 100,
        status: str(config, 'status') ?? 'Available',
        ...(str(config, 'owners') ? { imageOwnerAlias: str(config, 'owners') } : {}),
        ...(known(config.image_owner_id) && config.image_owner_id !== '' ? { imageOwnerId: Number(config.image_owner_id) } : {}),
      });
      const resp = await call(ctx, 'DescribeImages', () => api.client.describeImages(req));
      const batch = (resp.body?.images?.image ?? []) as ImageInfo[];
      found.push(...batch);
      const total = resp.body?.totalCount ?? 0;
      if (batch.length === 0 || found.length >= total) break;
    }
    const regex = str(config, 'name_regex') !== undefined ? new RegExp(str(config, 'name_regex')!) : undefined;
    const arch = str(config, 'architecture');
    const os = str(config, 'os_type');
    let matched = found.filter((i) => (!regex || regex.test(i.imageName ?? '')) && (!arch || i.architecture === arch) && (!os || i.OSType === os));
    if (bool(config, 'most_recent') && matched.length > 0) {
      const newest = matched.reduce((a, b) => ((b.creationTime ?? '') > (a.creationTime ?? '') ? b : a));
      matched = [newest];
    }
    const ids = matched.map((i) => i.imageId ?? '');
    return { ...config, id: listId(ids), ids, images: matched.map(imageItem) };
  },
};
