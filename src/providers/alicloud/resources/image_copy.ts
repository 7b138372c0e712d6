import { error, type Diagnostic } from '../../../diag/index.js';
import { ProviderError } from '../../errors.js';
import { UNKNOWN, type Attributes, type PlanRequest, type PlanResponse, type ProviderConfigView, type ResourceHandler } from '../../types.js';
import type { AlicloudClient } from '../client.js';
import { call } from '../errors.js';
import { configTags, tagList } from '../tags.js';
import { aliased, adoptAfterImport, basePlan, bool, checkAlias, checkImageName, checkRegion, checkTags, checkText, INVALID_VALUE, known, planAlias, str } from '../validate.js';
import { parseProgress, waitFor } from '../waiters.js';
import { deleteImage, deleteSnapshots, describeImage, imageAttributes, imageSnapshots, updateImage, type ImageInfo } from './image_api.js';

const MINUTE = 60_000;

/**
 * ForceNew arguments the API cannot report back. After `import` they are null in state; `plan`
 * adopts the configured values instead of replacing the image (see `imageCopy.plan`).
 */
export const ADOPTED_AFTER_IMPORT = ['source_image_id', 'source_region_id', 'encrypted', 'kms_key_id'] as const;

/** Arguments kept from configuration (the API cannot report them). */
const CONFIG_ONLY = [...ADOPTED_AFTER_IMPORT, 'force', 'delete_auto_snapshot', 'timeouts'] as const;

function configOnly(from: Attributes): Attributes {
  const out: Attributes = {};
  for (const k of CONFIG_ONLY) if (k in from) out[k] = from[k] ?? null;
  out.encrypted = bool(from, 'encrypted') ?? false;
  out.force = bool(from, 'force') ?? false;
  out.delete_auto_snapshot = bool(from, 'delete_auto_snapshot') ?? false;
  return out;
}

function state(img: ImageInfo, id: string, base: Attributes): Attributes {
  const snapshots = imageSnapshots(img);
  return { ...base, id, ...imageAttributes(img, base), status: img.status ?? null, progress: img.progress ?? null, snapshot_ids: snapshots.length ? snapshots : (base.snapshot_ids ?? null) };
}

/**
 * `alicloud_image_copy`: copies a custom image from `source_region_id` into the provider's region.
 *
 * - create: CopyImage (ClientToken = the engine's journaled token, so a repeated create returns the
 *   same image) sent to the source region, `recordPartial` with the new ID at once, then DescribeImages
 *   until `Available` with `Progress` reported; `CreateFailed`/`UnAvailable` fail; a timeout leaves
 *   the recorded ID (tainted) and names the last status and progress.
 * - read: DescribeImages with every status (incl. `Deprecated`); not listed → null; tags always
 *   written back.
 * - update: tags (Untag/TagResources), then ModifyImageAttribute for name/description;
 *   `force`/`delete_auto_snapshot` and adopted ForceNew values touch state only.
 * - delete: CancelCopyImage while `Waiting`/`Creating`, else DeleteImage (Force when `force`), then
 *   wait until gone within the delete timeout; `delete_auto_snapshot` deletes the snapshots too.
 * - import: by image ID; `plan` then adopts configured `source_image_id`, `source_region_id`,
 *   `encrypted`, `kms_key_id` whose prior value is null instead of proposing a replacement.
 */
export const imageCopy: ResourceHandler<AlicloudClient> = {
  type: 'alicloud_image_copy',
  timeouts: { create: 10 * MINUTE, delete: 10 * MINUTE },

  validate(config: Attributes, provider: ProviderConfigView): Diagnostic[] {
    const out: Diagnostic[] = [];
    out.push(...checkImageName('image_name', config.image_name), ...checkImageName('name', config.name));
    out.push(...checkText('description', config.description, 2, 256), ...checkTags(config.tags));
    out.push(...checkAlias(config, 'image_name', 'name'));
    if (config.source_image_id === '') out.push(error(INVALID_VALUE, '"source_image_id" must not be empty.'));
    out.push(...checkRegion('source_region_id', config.source_region_id));
    if (typeof config.source_region_id === 'string' && provider.region !== undefined && config.source_region_id === provider.region) {
      out.push(error(INVALID_VALUE, `"source_region_id" is "${provider.region}", the provider's own region: an image is copied into the provider's region, so the source must be another region. Use a provider (alias) configured for the destination region.`));
    }
    if (known(config.kms_key_id) && config.kms_key_id !== '' && config.encrypted !== UNKNOWN && config.encrypted !== true) {
      out.push(error(INVALID_VALUE, '"kms_key_id" needs encrypted = true.'));
    }
    return out;
  },

  /**
   * Plans like the engine, with two corrections. (1) `image_name` and its deprecated alias `name` are
   * planned to the configured value together (unknown on create when neither is set), because both are
   * read back from the same `ImageName`. (2) Import adoption: DescribeImages cannot tell where a copy
   * came from, so after `import` the ForceNew inputs `source_image_id`, `source_region_id`, `encrypted`
   * and `kms_key_id` are null in state. A replacement the engine derived for such a path whose prior
   * value is null is dropped: the configured value is adopted into state by the next apply (an update
   * that calls no API for these attributes). A change between two known values still replaces.
   * (3) An unset `description` keeps the prior one (a copy inherits the source's description), and is
   * unknown on create.
   */
  plan(req: PlanRequest): PlanResponse {
    const { planned } = basePlan(req);
    planAlias(req, planned, 'image_name', 'name');
    const prior = req.prior;
    // Without DestinationDescription a copy inherits the source's description: keep it rather than
    // proposing to clear it on every plan.
    if (req.config.description === null || req.config.description === undefined) planned.description = prior ? (prior.description ?? null) : UNKNOWN;
    return { planned, requiresReplace: adoptAfterImport(req, ADOPTED_AFTER_IMPORT) };
  },

  async create(ctx, config) {
    const region = ctx.provider.region;
    const sourceRegion = str(config, 'source_region_id')!;
    const sourceImage = str(config, 'source_image_id')!;
    const name = aliased(config, 'image_name', 'name');
    const description = str(config, 'description');
    const kms = str(config, 'kms_key_id');
    const api = await ctx.provider.ecs(sourceRegion);
    const req = new api.sdk.CopyImageRequest({
      regionId: sourceRegion,
      imageId: sourceImage,
      destinationRegionId: region,
      ...(typeof name === 'string' ? { destinationImageName: name } : {}),
      ...(description !== undefined ? { destinationDescription: description } : {}),
      encrypted: bool(config, 'encrypted') ?? false,
      ...(kms !== undefined ? { KMSKeyId: kms } : {}),
      tag: tagList(configTags(config.tags)),
      clientToken: ctx.clientToken,
    });
    const resp = await call(ctx, 'CopyImage', () => api.client.copyImage(req));
    const id = resp.body?.imageId;
    if (!id) throw new ProviderError('CopyImage answered without an ImageId.', { apiCode: 'InvalidResponse', errorClass: 'fatal', ...(resp.body?.requestId ? { requestId: resp.body.requestId } : {}) });
    const base: Attributes = {
      id,
      ...configOnly(config),
      image_name: typeof name === 'string' ? name : null,
      name: typeof name === 'string' ? name : null,
      description: description ?? null,
      tags: config.tags ?? null,
    };
    await ctx.recordPartial(base);
    ctx.progress({ percent: 0, message: `copying ${sourceImage} from ${sourceRegion} as ${id}` });
    const img = await waitFor(ctx, {
      operation: 'create',
      subject: `image ${id} (copy of ${sourceImage} from ${sourceRegion}) in ${region}`,
      poll: () => describeImage(ctx, id),
      status: (i) => i.status ?? 'unknown',
      target: ['Available'],
      pending: ['Waiting', 'Creating'],
      fail: ['CreateFailed', 'UnAvailable'],
      progress: (i) => parseProgress(i.progress),
    });
    return state(img!, id, base);
  },

  async read(ctx, prior) {
    const id = prior.id as string;
    const img = await describeImage(ctx, id);
    return img ? state(img, id, { ...prior, ...configOnly(prior) }) : null;
  },

  async update(ctx, prior, config, changed) {
    const img = await updateImage(ctx, prior, config, changed);
    return state(img, prior.id as string, { ...prior, ...configOnly(config), tags: config.tags ?? null });
  },

  async delete(ctx, prior) {
    const found = await deleteImage(ctx, prior.id as string, prior.force === true, { canCancel: true });
    // The image may be gone already (a delete interrupted after DeleteImage): its snapshots are known
    // from the state, so they are still removed.
    const recorded = Array.isArray(prior.snapshot_ids) ? (prior.snapshot_ids as unknown[]).filter((s): s is string => typeof s === 'string') : [];
    const snapshots = found.length ? found : recorded;
    if (prior.delete_auto_snapshot === true && snapshots.length > 0) {
      const left = await deleteSnapshots(ctx, snapshots);
      if (left.length > 0) ctx.log.warn(`snapshots left behind: ${left.join(', ')}`);
    }
  },

  async import(ctx, id) {
    const img = await describeImage(ctx, id);
    if (!img) return null;
    const base: Attributes = { source_image_id: null, source_region_id: null, encrypted: null, kms_key_id: null, force: false, delete_auto_snapshot: false, tags: null };
    return state(img, id, base);
  },
};
