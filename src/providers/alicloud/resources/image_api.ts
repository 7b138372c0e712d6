import { ProviderError } from '../../errors.js';
import type { Attributes, OperationContext } from '../../types.js';
import type { AlicloudClient, EcsApi } from '../client.js';
import { call, callIgnoringGone, hasCode } from '../errors.js';
import { apiTags, configTags, tagsAttribute, updateEcsTags } from '../tags.js';
import { aliased, str } from '../validate.js';
import { waitFor, parseProgress } from '../waiters.js';

/** Every image status, `Deprecated` included (the API's default filter is `Available` only). */
export const ALL_IMAGE_STATUSES = 'Creating,Waiting,Available,UnAvailable,CreateFailed,Deprecated';

/** An image as DescribeImages returns it (the fields minitf uses). */
export interface ImageInfo {
  readonly imageId?: string;
  readonly imageName?: string;
  readonly description?: string;
  readonly status?: string;
  readonly progress?: string;
  readonly usable?: boolean;
  readonly creationTime?: string;
  readonly architecture?: string;
  readonly platform?: string;
  readonly size?: number;
  readonly OSType?: string;
  readonly OSName?: string;
  readonly imageOwnerAlias?: string;
  readonly isCopied?: boolean;
  readonly tags?: { readonly tag?: readonly { tagKey?: string; tagValue?: string }[] };
  readonly diskDeviceMappings?: { readonly diskDeviceMapping?: readonly { snapshotId?: string }[] };
}

type Ctx = OperationContext<AlicloudClient>;

/**
 * Reads one image of the provider's region by ID with every status; null when the API does not list
 * it (or answers `InvalidImageId.NotFound`).
 */
export async function describeImage(ctx: Ctx, id: string, api?: EcsApi): Promise<ImageInfo | null> {
  const ecs = api ?? (await ctx.provider.ecs());
  const req = new ecs.sdk.DescribeImagesRequest({ regionId: ecs.region, imageId: id, status: ALL_IMAGE_STATUSES, pageSize: 10 });
  const resp = await callIgnoringGone(ctx, 'DescribeImages', () => ecs.client.describeImages(req), { gone: ['InvalidImageId.NotFound'] });
  const found = resp?.body?.images?.image?.find((i) => i.imageId === id);
  return (found as ImageInfo | undefined) ?? null;
}

/** The snapshot IDs behind an image's disks. */
export function imageSnapshots(img: ImageInfo): string[] {
  return (img.diskDeviceMappings?.diskDeviceMapping ?? []).map((d) => d.snapshotId).filter((s): s is string => !!s);
}

/** Common readable attributes of an image: names, description (empty → null) and tags. */
export function imageAttributes(img: ImageInfo, prior: Attributes): Attributes {
  const name = img.imageName ?? null;
  return {
    image_name: name,
    name,
    description: img.description ? img.description : null,
    tags: tagsAttribute(apiTags(img.tags?.tag), prior.tags),
  };
}

/** Waits until the image is listed no more (delete deadline). */
export async function waitImageGone(ctx: Ctx, id: string): Promise<void> {
  await waitFor(ctx, {
    operation: 'delete',
    subject: `image ${id}`,
    poll: () => describeImage(ctx, id),
    status: (i) => i.status ?? 'unknown',
    target: ['gone'],
    pending: ['Available', 'UnAvailable', 'CreateFailed', 'Deprecated', 'Creating', 'Waiting'],
    progress: (i) => parseProgress(i.progress),
  });
}

/**
 * Deletes an image and waits until it is gone, all within the delete deadline:
 * a copy still `Waiting`/`Creating` is cancelled with CancelCopyImage (on `CancelNotSupported` minitf
 * waits for the copy to end, on `IncorrectImageStatus` it re-reads); otherwise DeleteImage (with
 * `Force` when `force`), whose `OperationDenied.ImageCopying` sends it back to cancelling and whose
 * `ImageUsingByInstance` fails with a hint to set `force = true`. A missing image is success. Returns
 * the snapshot IDs the image had (for `delete_auto_snapshot`).
 */
export async function deleteImage(ctx: Ctx, id: string, force: boolean, opts: { canCancel: boolean }): Promise<string[]> {
  const api = await ctx.provider.ecs();
  let img = await describeImage(ctx, id, api);
  if (!img) return [];
  const snapshots = imageSnapshots(img);
  for (let round = 0; round < 6; round++) {
    const status = img.status ?? '';
    if (opts.canCancel && (status === 'Waiting' || status === 'Creating')) {
      try {
        const req = new api.sdk.CancelCopyImageRequest({ regionId: api.region, imageId: id });
        const done = await callIgnoringGone(ctx, 'CancelCopyImage', () => api.client.cancelCopyImage(req));
        ctx.log.info(done === undefined ? `image ${id} was already gone` : `cancelled the copy of image ${id}`);
        await waitImageGone(ctx, id);
        return snapshots;
      } catch (e) {
        if (hasCode(e, 'CancelNotSupported')) {
          ctx.progress({ message: 'copy cannot be cancelled: waiting for it to finish' });
          const ended = await waitFor(ctx, {
            operation: 'delete',
            subject: `image ${id}`,
            poll: () => describeImage(ctx, id, api),
            status: (i) => i.status ?? 'unknown',
            target: ['Available', 'CreateFailed', 'UnAvailable', 'Deprecated', 'gone'],
            pending: ['Waiting', 'Creating'],
            progress: (i) => parseProgress(i.progress),
          });
          if (!ended) return snapshots;
          img = ended;
          continue;
        }
        if (hasCode(e, 'IncorrectImageStatus')) {
          img = await describeImage(ctx, id, api);
          if (!img) return snapshots;
          continue;
        }
        throw e;
      }
    }
    try {
      const req = new api.sdk.DeleteImageRequest({ regionId: api.region, imageId: id, ...(force ? { force: true } : {}) });
      await callIgnoringGone(ctx, 'DeleteImage', () => api.client.deleteImage(req));
    } catch (e) {
      if (hasCode(e, 'OperationDenied.ImageCopying') && opts.canCancel) {
        img = await describeImage(ctx, id, api);
        if (!img) return snapshots;
        if (img.status !== 'Waiting' && img.status !== 'Creating') img = { ...img, status: 'Creating' };
        continue;
      }
      if (hasCode(e, 'ImageUsingByInstance') && e instanceof ProviderError) {
        throw new ProviderError(`${e.message}. Instances still use image ${id}: set force = true to delete it anyway.`, {
          apiCode: e.apiCode,
          errorClass: 'fatal',
          ...(e.requestId !== undefined ? { requestId: e.requestId } : {}),
          ...(e.httpStatus !== undefined ? { httpStatus: e.httpStatus } : {}),
          cause: e,
        });
      }
      throw e;
    }
    await waitImageGone(ctx, id);
    return snapshots;
  }
  throw new ProviderError(`image ${id} could be neither cancelled nor deleted: its status kept changing (last ${img.status}).`, { apiCode: 'UnexpectedState', errorClass: 'fatal' });
}

/** Deletes snapshots (Force), ignoring missing ones; returns the IDs that could not be deleted. */
export async function deleteSnapshots(ctx: Ctx, ids: readonly string[]): Promise<string[]> {
  const api = await ctx.provider.ecs();
  const left: string[] = [];
  for (const id of ids) {
    try {
      const req = new api.sdk.DeleteSnapshotRequest({ snapshotId: id, force: true });
      await callIgnoringGone(ctx, 'DeleteSnapshot', () => api.client.deleteSnapshot(req));
    } catch (e) {
      ctx.log.warn(`could not delete snapshot ${id}`, { code: e instanceof ProviderError ? e.apiCode : undefined });
      left.push(id);
    }
  }
  return left;
}

/** Sends ModifyImageAttribute for a changed name and/or description (nothing when both are undefined). */
export async function modifyImage(ctx: Ctx, id: string, change: { name?: string; description?: string }): Promise<void> {
  if (change.name === undefined && change.description === undefined) return;
  const api = await ctx.provider.ecs();
  const req = new api.sdk.ModifyImageAttributeRequest({
    regionId: api.region,
    imageId: id,
    ...(change.name !== undefined ? { imageName: change.name } : {}),
    ...(change.description !== undefined ? { description: change.description } : {}),
  });
  await call(ctx, 'ModifyImageAttribute', () => api.client.modifyImageAttribute(req));
}

/**
 * The in-place update of an image (`alicloud_image` and `alicloud_image_copy` alike): changed tags,
 * then a changed name (`image_name` or its alias `name`) and description in one ModifyImageAttribute;
 * returns the image read back.
 */
export async function updateImage(ctx: Ctx, prior: Attributes, config: Attributes, changed: readonly string[]): Promise<ImageInfo> {
  const id = prior.id as string;
  if (changed.includes('tags')) await updateEcsTags(ctx, 'image', id, configTags(prior.tags), configTags(config.tags));
  const name = aliased(config, 'image_name', 'name');
  const nameChanged = (changed.includes('image_name') || changed.includes('name')) && typeof name === 'string' && name !== prior.image_name;
  const description = str(config, 'description');
  const descChanged = changed.includes('description') && description !== undefined;
  await modifyImage(ctx, id, { ...(nameChanged ? { name: name as string } : {}), ...(descChanged ? { description } : {}) });
  const img = await describeImage(ctx, id);
  if (!img) throw new ProviderError(`image ${id} disappeared during the update.`, { apiCode: 'InvalidImageId.NotFound', errorClass: 'fatal' });
  return img;
}
