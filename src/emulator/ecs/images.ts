import { ACCOUNT_ID, findSystemImage, SYSTEM_IMAGES, type SystemImageInfo } from '../catalogue.js';
import { ecsTags, pageOf, regionOf, type CallContext } from '../api.js';
import { isoSeconds } from '../clock.js';
import { InvalidParameter } from '../errors.js';
import type { ImageRecord, RegionData } from '../model.js';
import { matchesTagFilters, type Tag } from '../params.js';
import type { RegionBackend } from '../store.js';
import { InvalidArchitecture, InvalidImageNameDuplicated, InvalidImageNameMalformed, InvalidImageOwnerAliasValueNotSupported } from './errors.js';
import { validImageName } from '../validate.js';

/** Every image status DescribeImages knows. */
export const IMAGE_STATUSES = ['Creating', 'Waiting', 'Available', 'UnAvailable', 'CreateFailed', 'Deprecated'] as const;
const OWNER_ALIASES = ['system', 'self', 'others', 'marketplace'] as const;
const ARCHITECTURES = ['i386', 'x86_64', 'arm64'] as const;

/** An image as DescribeImages filters it: a user record or a catalogue image, with common fields. */
export interface ImageEntry {
  readonly id: string;
  readonly name: string;
  readonly ownerAlias: 'system' | 'self';
  readonly status: string;
  readonly usable: boolean;
  readonly architecture: string;
  readonly osType: string;
  readonly createdAt: number;
  readonly tags: readonly Tag[];
  readonly snapshotIds: readonly string[];
  readonly user?: ImageRecord;
  readonly system?: SystemImageInfo;
}

/** The user image `id` in the region, unless it is gone. */
export function userImage(r: RegionBackend, id: string): ImageRecord | undefined {
  return r.data.images[id];
}

/** The image `id` visible in the region (user or system), or undefined. */
export function findImage(r: RegionBackend, id: string): ImageEntry | undefined {
  const u = r.data.images[id];
  if (u) return userEntry(u);
  const s = findSystemImage(id);
  return s ? systemEntry(s) : undefined;
}

function userEntry(u: ImageRecord): ImageEntry {
  return { id: u.id, name: u.name, ownerAlias: 'self', status: u.status, usable: u.usable, architecture: u.architecture, osType: u.osType, createdAt: u.createdAt, tags: u.tags, snapshotIds: u.disks.map((d) => d.snapshotId), user: u };
}

function systemEntry(s: SystemImageInfo): ImageEntry {
  return { id: s.id, name: s.id, ownerAlias: 'system', status: 'Available', usable: true, architecture: s.architecture, osType: s.osType, createdAt: s.createdAt, tags: [], snapshotIds: [], system: s };
}

/** Throws unless `name` is a valid image name not used by another custom image of the region. */
export function checkImageName(data: RegionData, name: string, exceptId?: string): void {
  if (!validImageName(name)) throw new InvalidImageNameMalformed();
  const dup = Object.values(data.images).find((i) => i.name === name && i.id !== exceptId && !i.deleting);
  if (dup) throw new InvalidImageNameDuplicated(name);
}

/** Whether an instance of the region uses the image. */
export function imageInUse(data: RegionData, imageId: string): boolean {
  return Object.values(data.instances).some((i) => i.imageId === imageId);
}

function diskView(device: string, sizeGiB: number, snapshotId: string, type: string, encrypted: boolean, progress: string): Record<string, unknown> {
  return { Device: device, Size: String(sizeGiB), SnapshotId: snapshotId, Type: type, Format: '', ImportOSSBucket: '', ImportOSSObject: '', Progress: progress, RemainTime: 0, Encrypted: encrypted };
}

/** The DescribeImages shape of an image. */
export function imageView(e: ImageEntry, data: RegionData): Record<string, unknown> {
  const common = {
    ImageId: e.id,
    ImageName: e.name,
    ImageOwnerAlias: e.ownerAlias,
    Status: e.status,
    Usable: e.usable,
    Architecture: e.architecture,
    OSType: e.osType,
    CreationTime: isoSeconds(e.createdAt),
    Usage: imageInUse(data, e.id) ? 'instance' : 'none',
    IsSelfShared: '',
    IsSubscribed: false,
    IsSupportCloudinit: true,
    IsSupportIoOptimized: true,
    ImageFamily: '',
    ImageVersion: '',
    ProductCode: '',
    ResourceGroupId: '',
    BootMode: 'BIOS',
    LoginAsNonRootSupported: false,
    Tags: ecsTags(e.tags),
  };
  if (e.system) {
    const s = e.system;
    return {
      ...common,
      Description: '',
      Progress: '100%',
      OSName: s.osName,
      OSNameEn: s.osNameEn,
      Platform: s.platform,
      Size: s.sizeGiB,
      IsCopied: false,
      IsPublic: true,
      DiskDeviceMappings: { DiskDeviceMapping: [diskView('/dev/xvda', s.sizeGiB, '', 'system', false, '100%')] },
    };
  }
  const u = e.user!;
  return {
    ...common,
    Description: u.description,
    Progress: u.progress,
    OSName: u.osName,
    OSNameEn: u.osNameEn,
    Platform: u.platform,
    Size: u.sizeGiB,
    ImageOwnerId: ACCOUNT_ID,
    IsCopied: u.copy !== undefined,
    IsPublic: false,
    DiskDeviceMappings: { DiskDeviceMapping: u.disks.map((d) => diskView(d.device, d.sizeGiB, d.snapshotId, d.type, u.encrypted, u.progress)) },
  };
}

/**
 * DescribeImages. Defaults (emulator choices, see index.ts): no `Status` → `Available` only; no
 * `ImageOwnerAlias` → every owner, and `ImageId` lookups ignore the owner filter; `ImageName` matches as a substring; newest `CreationTime` first.
 * Unknown image IDs give an empty list, not an error.
 */
export function describeImages(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const p = ctx.params;
  const owners = p.commaList('ImageOwnerAlias');
  for (const o of owners ?? []) if (!(OWNER_ALIASES as readonly string[]).includes(o)) throw new InvalidImageOwnerAliasValueNotSupported(o);
  const statuses = p.commaList('Status') ?? ['Available'];
  for (const s of statuses) if (!(IMAGE_STATUSES as readonly string[]).includes(s)) throw new InvalidParameter('Status', `Valid values: ${IMAGE_STATUSES.join(', ')}.`);
  const arch = p.str('Architecture');
  if (arch && !(ARCHITECTURES as readonly string[]).includes(arch)) throw new InvalidArchitecture(arch);
  const ids = p.commaList('ImageId');
  const name = p.str('ImageName');
  const osType = p.str('OSType');
  const usable = p.has('Usable') ? p.bool('Usable') : undefined;
  const isPublic = p.has('IsPublic') ? p.bool('IsPublic') : undefined;
  const snapshotId = p.str('SnapshotId');
  const family = p.str('ImageFamily');
  const tagFilters = p.objects('Tag');
  const all: ImageEntry[] = [...SYSTEM_IMAGES.map(systemEntry), ...Object.values(r.data.images).map(userEntry)];
  const matches = all.filter(
    (e) =>
      (!owners || ids !== undefined || owners.includes(e.ownerAlias)) &&
      statuses.includes(e.status) &&
      (!ids || ids.includes(e.id)) &&
      (!name || e.name.includes(name)) &&
      (!arch || e.architecture === arch) &&
      (!osType || e.osType.toLowerCase() === osType.toLowerCase()) &&
      (usable === undefined || e.usable === usable) &&
      (isPublic === undefined || (e.ownerAlias === 'system') === isPublic) &&
      (!snapshotId || e.snapshotIds.includes(snapshotId)) &&
      !family &&
      matchesTagFilters(e.tags, tagFilters),
  );
  matches.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
  const page = pageOf(ctx, matches, 10, 100);
  return { RegionId: r.info.id, Images: { Image: page.items.map((e) => imageView(e, r.data)) }, PageNumber: page.PageNumber, PageSize: page.PageSize, TotalCount: page.TotalCount };
}
