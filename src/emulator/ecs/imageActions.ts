import { findSystemImage } from '../catalogue.js';
import { regionOf, type CallContext } from '../api.js';
import { DryRunOperation, MissingParameter, InvalidParameter } from '../errors.js';
import { DURATIONS, settleRegion, startLifecycle } from '../lifecycle.js';
import type { DiskMapping, ImageRecord, RegionData } from '../model.js';
import { checkDescription } from '../validate.js';
import {
  CancelNotSupported,
  DestinationRegionNotFound,
  ImageCreatedNotFromCopy,
  ImageUsingByInstance,
  IncorrectDestinationRegion,
  IncorrectImageStatus,
  IncorrectInstanceStatus,
  InvalidArchitecture,
  InvalidImageIdNotFound,
  InvalidInstanceIdNotFound,
  InvalidParameterEncryptedIllegal,
  InvalidSnapshotIdNotFound,
  OperationDenied,
  OperationDeniedImageCopying,
} from './errors.js';
import { checkImageName, imageInUse, userImage } from './images.js';
import { findRegion } from '../catalogue.js';

/** Whether the image is a copy still `Waiting` or `Creating`. */
export function isCopying(img: ImageRecord): boolean {
  return img.copy !== undefined && !img.copy.done;
}

function newSnapshot(ctx: CallContext, data: RegionData, regionId: string, imageId: string, sizeGiB: number, encrypted: boolean, kmsKeyId: string | undefined, source?: { id: string; region: string }): string {
  const id = ctx.store.newId('s');
  data.snapshots[id] = {
    id,
    regionId,
    name: '',
    sourceDiskSizeGiB: sizeGiB,
    imageId,
    encrypted,
    createdAt: ctx.now,
    tags: [],
    ...(kmsKeyId ? { kmsKeyId } : {}),
    ...(source ? { sourceSnapshotId: source.id, sourceRegionId: source.region } : {}),
  };
  return id;
}

/**
 * CreateImage from an instance (`Running` or `Stopped`) or a snapshot of the region: `Creating`
 * (progress rising) for ~30 s, then `Available` (`Usable` a moment later), or `CreateFailed` under the
 * `imageFailureRate` fault. One new snapshot per instance disk.
 */
export function createImage(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const p = ctx.params;
  const instanceId = p.str('InstanceId');
  const snapshotId = p.str('SnapshotId');
  if (!instanceId && !snapshotId) throw new MissingParameter('InstanceId');
  const name = p.str('ImageName');
  if (name !== undefined && name !== '') checkImageName(r.data, name);
  const description = p.str('Description') ?? '';
  checkDescription(description);
  const archParam = p.str('Architecture');
  if (archParam && !['i386', 'x86_64', 'arm64'].includes(archParam)) throw new InvalidArchitecture(archParam);
  const tags = p.tags();
  let base: { osName: string; osNameEn: string; platform: string; osType: string; architecture: string; sizeGiB: number };
  let sourceInstanceId: string | undefined;
  let sourceSnapshot: string | undefined;
  if (instanceId) {
    const inst = r.data.instances[instanceId];
    if (!inst || inst.deleting) throw new InvalidInstanceIdNotFound(instanceId);
    if (inst.status !== 'Running' && inst.status !== 'Stopped') throw new IncorrectInstanceStatus(instanceId, inst.status, 400);
    const sys = findSystemImage(inst.imageId);
    const usr = r.data.images[inst.imageId];
    base = sys
      ? { osName: sys.osName, osNameEn: sys.osNameEn, platform: sys.platform, osType: sys.osType, architecture: sys.architecture, sizeGiB: inst.systemDiskSizeGiB }
      : { osName: usr?.osName ?? 'Linux', osNameEn: usr?.osNameEn ?? 'Linux', platform: usr?.platform ?? 'Others Linux', osType: usr?.osType ?? 'linux', architecture: usr?.architecture ?? 'x86_64', sizeGiB: inst.systemDiskSizeGiB };
    sourceInstanceId = instanceId;
  } else {
    const snap = r.data.snapshots[snapshotId!];
    if (!snap) throw new InvalidSnapshotIdNotFound(snapshotId!);
    base = { osName: 'Linux', osNameEn: 'Linux', platform: p.str('Platform') || 'Others Linux', osType: 'linux', architecture: 'x86_64', sizeGiB: snap.sourceDiskSizeGiB };
    sourceSnapshot = snap.id;
  }
  if (p.bool('DryRun')) throw new DryRunOperation();
  const id = ctx.store.newId('m');
  const snap = sourceSnapshot ?? newSnapshot(ctx, r.data, r.info.id, id, base.sizeGiB, false, undefined);
  const fails = ctx.faults.draw() < (ctx.faults.config.imageFailureRate ?? 0);
  r.data.images[id] = {
    id,
    regionId: r.info.id,
    name: name || id,
    description,
    status: 'Creating',
    progress: '0%',
    usable: false,
    lifecycle: startLifecycle(ctx.now, [['Creating', DURATIONS.createImage]], fails ? 'CreateFailed' : 'Available'),
    createdAt: ctx.now,
    architecture: archParam || base.architecture,
    osType: base.osType,
    osName: base.osName,
    osNameEn: base.osNameEn,
    platform: base.platform,
    sizeGiB: base.sizeGiB,
    encrypted: false,
    disks: [{ device: '/dev/xvda', sizeGiB: base.sizeGiB, snapshotId: snap, type: 'system' }],
    tags,
    deleting: false,
    ...(sourceInstanceId ? { sourceInstanceId } : {}),
  };
  return { ImageId: id };
}

/**
 * CopyImage: copies a custom `Available` image of `RegionId` into `DestinationRegionId`. The copy is
 * `Waiting` while five copies are already `Creating` in the destination, then `Creating` with `Progress`
 * rising to `100%` over ~60 s, then `Available`. Tags come from `Tag.N`; `Encrypted` (or an encrypted
 * source) makes an encrypted copy. Without `DestinationImageName` the copy keeps the source's name.
 */
export function copyImage(ctx: CallContext): Record<string, unknown> {
  const src = regionOf(ctx);
  const p = ctx.params;
  const imageId = p.required('ImageId');
  const destId = p.required('DestinationRegionId');
  if (!findRegion(destId)) throw new DestinationRegionNotFound(destId);
  const source = userImage(src, imageId);
  if (!source) {
    if (findSystemImage(imageId)) throw new OperationDenied(`The image "${imageId}" is a public image; only custom images can be copied.`);
    throw new InvalidImageIdNotFound(imageId);
  }
  if (isCopying(source)) throw new OperationDeniedImageCopying(imageId);
  if (source.status !== 'Available' || source.deleting) throw new IncorrectImageStatus(imageId, source.deleting ? 'Deleting' : source.status);
  if (destId === src.info.id) throw new IncorrectDestinationRegion();
  const dest = ctx.store.region(destId);
  const name = p.str('DestinationImageName');
  if (name !== undefined && name !== '') checkImageName(dest.data, name);
  const description = p.str('DestinationDescription');
  checkDescription(description);
  const encryptedParam = p.bool('Encrypted');
  const kmsKeyId = p.str('KMSKeyId') || undefined;
  if (kmsKeyId && !encryptedParam) throw new InvalidParameterEncryptedIllegal();
  const tags = p.tags();
  if (p.bool('DryRun')) throw new DryRunOperation();
  const encrypted = encryptedParam || source.encrypted;
  const id = ctx.store.newId('m');
  const disks: DiskMapping[] = source.disks.map((d) => ({
    ...d,
    snapshotId: newSnapshot(ctx, dest.data, destId, id, d.sizeGiB, encrypted, kmsKeyId ?? source.kmsKeyId, { id: d.snapshotId, region: src.info.id }),
  }));
  const fails = ctx.faults.draw() < (ctx.faults.config.imageFailureRate ?? 0);
  dest.data.images[id] = {
    id,
    regionId: destId,
    name: name || source.name,
    description: description ?? source.description,
    status: 'Waiting',
    progress: '0%',
    usable: false,
    createdAt: ctx.now,
    architecture: source.architecture,
    osType: source.osType,
    osName: source.osName,
    osNameEn: source.osNameEn,
    platform: source.platform,
    sizeGiB: source.sizeGiB,
    encrypted,
    disks,
    tags,
    copy: { sourceImageId: source.id, sourceRegionId: src.info.id, requestedAt: ctx.now, durationMs: DURATIONS.copyImage, fails, done: false },
    deleting: false,
    ...(kmsKeyId ?? source.kmsKeyId ? { kmsKeyId: kmsKeyId ?? source.kmsKeyId } : {}),
  };
  settleRegion(dest.data, ctx.now);
  return { ImageId: id };
}

function removeImageSnapshots(data: RegionData, imageId: string): void {
  for (const [sid, s] of Object.entries(data.snapshots)) if (s.imageId === imageId) delete data.snapshots[sid];
}

/**
 * CancelCopyImage (`RegionId` = the copy's region): only while the copy is `Waiting`/`Creating`; the copy
 * and its snapshots vanish at once. Not a copy → `ImageCreatedNotFromCopy`; finished →
 * `IncorrectImageStatus`; fault switch → `CancelNotSupported`.
 */
export function cancelCopyImage(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const imageId = ctx.params.required('ImageId');
  const img = userImage(r, imageId);
  if (!img) throw new InvalidImageIdNotFound(imageId);
  if (!img.copy) throw new ImageCreatedNotFromCopy(imageId);
  if (!isCopying(img)) throw new IncorrectImageStatus(imageId, img.status);
  if (ctx.faults.config.cancelNotSupported) throw new CancelNotSupported();
  delete r.data.images[imageId];
  removeImageSnapshots(r.data, imageId);
  return {};
}

/**
 * DeleteImage: a missing image is ignored (200); a copy in progress → 403 `OperationDenied.ImageCopying`
 * (even with Force); a system image → 403 `OperationDenied`; used by an instance without `Force` → 403
 * `ImageUsingByInstance`. The image stays visible ~2 s, then is gone; its snapshots remain.
 */
export function deleteImage(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const imageId = ctx.params.required('ImageId');
  const force = ctx.params.bool('Force');
  const img = userImage(r, imageId);
  if (!img) {
    if (findSystemImage(imageId)) throw new OperationDenied(`The image "${imageId}" is a public image and cannot be deleted.`);
    return {};
  }
  if (isCopying(img)) throw new OperationDeniedImageCopying(imageId);
  if (ctx.params.bool('DryRun')) throw new DryRunOperation();
  if (img.deleting) return {};
  if (!force && imageInUse(r.data, imageId)) throw new ImageUsingByInstance(imageId);
  img.deleting = true;
  img.lifecycle = startLifecycle(ctx.now, [[img.status, DURATIONS.deleteImage]], null);
  return {};
}

/** ModifyImageAttribute: `ImageName`, `Description`, and `Status` `Deprecated`/`Available` (finished images only). */
export function modifyImageAttribute(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const p = ctx.params;
  const imageId = p.required('ImageId');
  const img = userImage(r, imageId);
  if (!img || img.deleting) {
    if (findSystemImage(imageId)) throw new OperationDenied(`The image "${imageId}" is a public image and cannot be modified.`);
    throw new InvalidImageIdNotFound(imageId);
  }
  const name = p.str('ImageName');
  if (name !== undefined && name !== '') checkImageName(r.data, name, imageId);
  const description = p.str('Description');
  checkDescription(description);
  const status = p.str('Status');
  if (status !== undefined && status !== '') {
    if (status !== 'Deprecated' && status !== 'Available') throw new InvalidParameter('Status', 'Valid values: Deprecated, Available.');
    if (img.status !== 'Available' && img.status !== 'Deprecated') throw new IncorrectImageStatus(imageId, img.status);
  }
  if (p.bool('DryRun')) throw new DryRunOperation();
  if (name) img.name = name;
  if (description !== undefined) img.description = description;
  if (status) img.status = status;
  return {};
}
