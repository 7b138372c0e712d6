import { error, type Diagnostic } from '../../../diag/index.js';
import { ProviderError } from '../../errors.js';
import type { Attributes, PlanRequest, PlanResponse, ResourceHandler } from '../../types.js';
import type { AlicloudClient } from '../client.js';
import { call } from '../errors.js';
import { configTags, tagList } from '../tags.js';
import { aliased, adoptAfterImport, basePlan, bool, checkAlias, checkImageName, checkTags, checkText, INVALID_VALUE, known, planAlias, str } from '../validate.js';
import { parseProgress, waitFor } from '../waiters.js';
import { deleteImage, deleteSnapshots, describeImage, imageAttributes, updateImage, type ImageInfo } from './image_api.js';

const MINUTE = 60_000;

/** ForceNew sources the API does not report for an image; adopted from configuration after import. */
const ADOPTED_AFTER_IMPORT = ['instance_id', 'snapshot_id', 'platform'] as const;
const CONFIG_ONLY = [...ADOPTED_AFTER_IMPORT, 'force', 'delete_auto_snapshot', 'timeouts'] as const;

function configOnly(from: Attributes): Attributes {
  const out: Attributes = {};
  for (const k of CONFIG_ONLY) if (k in from) out[k] = from[k] ?? null;
  out.force = bool(from, 'force') ?? false;
  out.delete_auto_snapshot = bool(from, 'delete_auto_snapshot') ?? false;
  return out;
}

function state(img: ImageInfo, id: string, base: Attributes): Attributes {
  return {
    ...base,
    id,
    ...imageAttributes(img, base),
    architecture: img.architecture ?? base.architecture ?? null,
    platform: img.platform ?? base.platform ?? null,
    status: img.status ?? null,
    usable: img.usable ?? null,
    create_time: img.creationTime ?? null,
  };
}

/** The waiter's view of an image being made: `Available` only once it is usable (PR #10176). */
function readiness(i: ImageInfo): string {
  if (i.status === 'Available' && i.usable === false) return 'Creating';
  return i.status ?? 'unknown';
}

/**
 * `alicloud_image`: a custom image made from an instance (or a snapshot) in the provider's region.
 * create = CreateImage with the engine's ClientToken, `recordPartial`, then wait until `Available` and
 * usable; read = DescribeImages (all statuses; not listed → null); update = tags, then
 * ModifyImageAttribute; delete = DeleteImage (Force when `force`), wait until gone, optionally delete
 * its snapshots. After import the ForceNew sources (`instance_id`, `snapshot_id`, `platform`) are
 * adopted from configuration rather than forcing a replacement.
 */
export const image: ResourceHandler<AlicloudClient> = {
  type: 'alicloud_image',
  timeouts: { create: 10 * MINUTE, update: 10 * MINUTE, delete: 10 * MINUTE },

  validate(config: Attributes): Diagnostic[] {
    const out: Diagnostic[] = [];
    out.push(...checkImageName('image_name', config.image_name), ...checkImageName('name', config.name));
    out.push(...checkText('description', config.description, 2, 256), ...checkTags(config.tags));
    out.push(...checkAlias(config, 'image_name', 'name'));
    if (config.instance_id == null && config.snapshot_id == null && !known(config.disk_device_mapping)) {
      out.push(error('Missing required argument', 'An alicloud_image needs "instance_id" or "snapshot_id".'));
    }
    if (typeof config.architecture === 'string' && !['x86_64', 'i386', 'arm64'].includes(config.architecture)) {
      out.push(error(INVALID_VALUE, `"architecture" must be x86_64, i386 or arm64 (got "${config.architecture}").`));
    }
    return out;
  },

  plan(req: PlanRequest): PlanResponse {
    const { planned } = basePlan(req);
    planAlias(req, planned, 'image_name', 'name');
    return { planned, requiresReplace: adoptAfterImport(req, ADOPTED_AFTER_IMPORT) };
  },

  async create(ctx, config) {
    const api = await ctx.provider.ecs();
    const name = aliased(config, 'image_name', 'name');
    const description = str(config, 'description');
    const req = new api.sdk.CreateImageRequest({
      regionId: api.region,
      clientToken: ctx.clientToken,
      ...(str(config, 'instance_id') ? { instanceId: str(config, 'instance_id') } : {}),
      ...(str(config, 'snapshot_id') ? { snapshotId: str(config, 'snapshot_id') } : {}),
      ...(typeof name === 'string' ? { imageName: name } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(str(config, 'architecture') ? { architecture: str(config, 'architecture') } : {}),
      ...(str(config, 'platform') ? { platform: str(config, 'platform') } : {}),
      tag: tagList(configTags(config.tags)),
    });
    const resp = await call(ctx, 'CreateImage', () => api.client.createImage(req));
    const id = resp.body?.imageId;
    if (!id) throw new ProviderError('CreateImage answered without an ImageId.', { apiCode: 'InvalidResponse', errorClass: 'fatal' });
    const base: Attributes = {
      id,
      ...configOnly(config),
      image_name: typeof name === 'string' ? name : null,
      name: typeof name === 'string' ? name : null,
      description: description ?? null,
      architecture: str(config, 'architecture') ?? null,
      tags: config.tags ?? null,
    };
    await ctx.recordPartial(base);
    const img = await waitFor(ctx, {
      operation: 'create',
      subject: `image ${id}`,
      poll: () => describeImage(ctx, id, api),
      status: readiness,
      target: ['Available'],
      pending: ['Creating', 'Waiting'],
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
    const snapshots = await deleteImage(ctx, prior.id as string, prior.force === true, { canCancel: false });
    if (prior.delete_auto_snapshot === true && snapshots.length > 0) {
      const left = await deleteSnapshots(ctx, snapshots);
      if (left.length > 0) ctx.log.warn(`snapshots left behind: ${left.join(', ')}`);
    }
  },

  async import(ctx, id) {
    const img = await describeImage(ctx, id);
    if (!img) return null;
    return state(img, id, { instance_id: null, snapshot_id: null, platform: null, force: false, delete_auto_snapshot: false, tags: null });
  },
};
