import type { Tag } from './params.js';

/**
 * A timed state machine: starting at `at` (virtual ms), the object shows each `[status, durationMs]`
 * step in turn, then `final` (`null` = the object is gone).
 */
export interface Lifecycle {
  at: number;
  steps: [string, number][];
  final: string | null;
}

/** A disk of an image (DiskDeviceMappings). */
export interface DiskMapping {
  device: string;
  sizeGiB: number;
  snapshotId: string;
  type: 'system' | 'data';
}

/** Copy bookkeeping of an image made by CopyImage. */
export interface CopyInfo {
  sourceImageId: string;
  sourceRegionId: string;
  requestedAt: number;
  /** Set once the copy leaves the queue (`Waiting` → `Creating`). */
  startAt?: number;
  durationMs: number;
  /** The copy will end `CreateFailed` (an injected fault). */
  fails: boolean;
  /** The copy has ended (`Available` or `CreateFailed`); later status changes are the user's. */
  done: boolean;
}

/** A custom image (owner `self`) in one region. */
export interface ImageRecord {
  id: string;
  regionId: string;
  name: string;
  description: string;
  status: string;
  progress: string;
  usable: boolean;
  usableAt?: number;
  lifecycle?: Lifecycle;
  createdAt: number;
  architecture: string;
  osType: string;
  osName: string;
  osNameEn: string;
  platform: string;
  sizeGiB: number;
  encrypted: boolean;
  kmsKeyId?: string;
  disks: DiskMapping[];
  tags: Tag[];
  sourceInstanceId?: string;
  copy?: CopyInfo;
  deleting: boolean;
}

/** A disk snapshot (made by CreateImage and CopyImage). */
export interface SnapshotRecord {
  id: string;
  regionId: string;
  name: string;
  sourceDiskSizeGiB: number;
  /** The image this snapshot was made for (it may be gone). */
  imageId: string;
  sourceSnapshotId?: string;
  sourceRegionId?: string;
  encrypted: boolean;
  kmsKeyId?: string;
  createdAt: number;
  tags: Tag[];
}

/** An ECS instance. */
export interface InstanceRecord {
  id: string;
  regionId: string;
  zoneId: string;
  name: string;
  description: string;
  hostName: string;
  imageId: string;
  instanceType: string;
  vpcId: string;
  vSwitchId: string;
  securityGroupIds: string[];
  privateIp: string;
  publicIp?: string;
  bandwidthOut: number;
  bandwidthIn: number;
  systemDiskCategory: string;
  systemDiskSizeGiB: number;
  status: string;
  lifecycle?: Lifecycle;
  createdAt: number;
  startedAt?: number;
  tags: Tag[];
  deletionProtection: boolean;
  deleting: boolean;
}

/** A VPC. */
export interface VpcRecord {
  id: string;
  regionId: string;
  name: string;
  description: string;
  cidrBlock: string;
  status: string;
  lifecycle?: Lifecycle;
  createdAt: number;
  vRouterId: string;
  routeTableId: string;
  tags: Tag[];
  deleting: boolean;
}

/** A vSwitch (subnet) of a VPC. */
export interface VSwitchRecord {
  id: string;
  regionId: string;
  vpcId: string;
  zoneId: string;
  cidrBlock: string;
  name: string;
  description: string;
  status: string;
  lifecycle?: Lifecycle;
  createdAt: number;
  tags: Tag[];
  deleting: boolean;
}

/** A security group (synchronous, no status). */
export interface SecurityGroupRecord {
  id: string;
  regionId: string;
  vpcId: string;
  name: string;
  description: string;
  type: string;
  createdAt: number;
  tags: Tag[];
}

/** Everything the user created in one region (plain JSON, persisted as is). */
export interface RegionData {
  images: Record<string, ImageRecord>;
  snapshots: Record<string, SnapshotRecord>;
  instances: Record<string, InstanceRecord>;
  vpcs: Record<string, VpcRecord>;
  vswitches: Record<string, VSwitchRecord>;
  securityGroups: Record<string, SecurityGroupRecord>;
  /** Image-copy queue evaluated up to this virtual time. */
  copySettledUntil: number;
}

/** A remembered ClientToken answer. */
export interface TokenRecord {
  paramsKey: string;
  body: Record<string, unknown>;
  expiresAt: number;
}

/** The whole emulated cloud as persisted in the data file. */
export interface CloudData {
  version: 1;
  /** Virtual time when saved. */
  clockNow: number;
  /** State of the ID generator. */
  idState: number;
  regions: Record<string, RegionData>;
  tokens: Record<string, TokenRecord>;
}

/** Kinds of user resources (dump keys and `deleteResource` kinds). */
export type ResourceKind = 'image' | 'snapshot' | 'instance' | 'vpc' | 'vswitch' | 'securityGroup';

/** Maps a resource kind to its collection in RegionData. */
export const KIND_COLLECTION = {
  image: 'images',
  snapshot: 'snapshots',
  instance: 'instances',
  vpc: 'vpcs',
  vswitch: 'vswitches',
  securityGroup: 'securityGroups',
} as const satisfies Record<ResourceKind, keyof RegionData>;

/** An empty region. */
export function emptyRegion(): RegionData {
  return { images: {}, snapshots: {}, instances: {}, vpcs: {}, vswitches: {}, securityGroups: {}, copySettledUntil: 0 };
}
