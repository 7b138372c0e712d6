/** A zone of a region and what it sells. */
export interface ZoneInfo {
  readonly id: string;
  readonly localName: string;
  /** A sold-out zone is listed by DescribeZones but DescribeAvailableResource reports `SoldOut`. */
  readonly soldOut: boolean;
  readonly instanceTypes: readonly string[];
  readonly diskCategories: readonly string[];
  readonly resourceTypes: readonly string[];
}

/** A region of the emulated cloud. */
export interface RegionInfo {
  readonly id: string;
  readonly localName: string;
  readonly zones: readonly ZoneInfo[];
  /** First two octets of the public IPs handed out in the region. */
  readonly publicIpPrefix: string;
}

/** An instance type of the global catalogue. */
export interface InstanceTypeInfo {
  readonly id: string;
  readonly family: string;
  readonly cpu: number;
  /** GiB. */
  readonly memoryGiB: number;
  readonly category: string;
  readonly level: 'EntryLevel' | 'EnterpriseLevel';
  readonly generation: string;
}

/** A public (system) image, the same in every region. */
export interface SystemImageInfo {
  readonly id: string;
  readonly osName: string;
  readonly osNameEn: string;
  readonly platform: string;
  readonly osType: 'linux' | 'windows';
  readonly architecture: 'x86_64' | 'arm64';
  readonly sizeGiB: number;
  /** Virtual epoch ms. */
  readonly createdAt: number;
}

/** Global instance-type catalogue (DescribeInstanceTypes carries no RegionId). */
export const INSTANCE_TYPES: readonly InstanceTypeInfo[] = [
  { id: 'ecs.n4.small', family: 'ecs.n4', cpu: 1, memoryGiB: 2, category: 'Shared', level: 'EntryLevel', generation: 'ecs-2' },
  { id: 'ecs.n4.large', family: 'ecs.n4', cpu: 2, memoryGiB: 4, category: 'Shared', level: 'EntryLevel', generation: 'ecs-2' },
  { id: 'ecs.sn1ne.large', family: 'ecs.sn1ne', cpu: 2, memoryGiB: 4, category: 'Compute-optimized', level: 'EnterpriseLevel', generation: 'ecs-3' },
  { id: 'ecs.sn1ne.xlarge', family: 'ecs.sn1ne', cpu: 4, memoryGiB: 8, category: 'Compute-optimized', level: 'EnterpriseLevel', generation: 'ecs-3' },
  { id: 'ecs.sn1ne.2xlarge', family: 'ecs.sn1ne', cpu: 8, memoryGiB: 16, category: 'Compute-optimized', level: 'EnterpriseLevel', generation: 'ecs-3' },
  { id: 'ecs.c6.large', family: 'ecs.c6', cpu: 2, memoryGiB: 4, category: 'Compute-optimized', level: 'EnterpriseLevel', generation: 'ecs-4' },
  { id: 'ecs.g6.large', family: 'ecs.g6', cpu: 2, memoryGiB: 8, category: 'General-purpose', level: 'EnterpriseLevel', generation: 'ecs-4' },
  { id: 'ecs.g6.xlarge', family: 'ecs.g6', cpu: 4, memoryGiB: 16, category: 'General-purpose', level: 'EnterpriseLevel', generation: 'ecs-4' },
];

const ALL_TYPES = INSTANCE_TYPES.map((t) => t.id);
const NO_G6 = ALL_TYPES.filter((t) => !t.startsWith('ecs.g6'));
const DISKS = ['cloud_efficiency', 'cloud_ssd', 'cloud_essd'];
const RESOURCES = ['Instance', 'Disk', 'VSwitch', 'IoOptimized'];

function zone(region: string, letter: string, localPrefix: string, opts: { soldOut?: boolean; types?: readonly string[] } = {}): ZoneInfo {
  return {
    id: `${region}-${letter}`,
    localName: `${localPrefix} 可用区 ${letter.toUpperCase()}`,
    soldOut: opts.soldOut ?? false,
    instanceTypes: opts.types ?? ALL_TYPES,
    diskCategories: DISKS,
    resourceTypes: RESOURCES,
  };
}

function region(id: string, localName: string, zonePrefix: string, publicIpPrefix: string, letters: string, special: Record<string, { soldOut?: boolean; types?: readonly string[] }> = {}): RegionInfo {
  return { id, localName, publicIpPrefix, zones: [...letters].map((l) => zone(id, l, zonePrefix, special[l])) };
}

/** The regions, zones and their stock. `cn-hangzhou-g` is the seeded sold-out zone. */
export const REGIONS: readonly RegionInfo[] = [
  region('cn-qingdao', '华北1（青岛）', '华北 1', '47.104', 'bcd'),
  region('cn-beijing', '华北2（北京）', '华北 2', '39.105', 'fghijk', { f: { types: NO_G6 } }),
  region('cn-zhangjiakou', '华北3（张家口）', '华北 3', '47.92', 'abc'),
  region('cn-hangzhou', '华东1（杭州）', '华东 1', '47.96', 'ghijk', { g: { soldOut: true }, k: { types: NO_G6 } }),
  region('cn-shanghai', '华东2（上海）', '华东 2', '47.100', 'bdefg'),
  region('cn-shenzhen', '华南1（深圳）', '华南 1', '120.79', 'adef'),
  region('cn-hongkong', '中国香港', '香港', '47.242', 'bcd'),
  region('ap-southeast-1', '新加坡', '亚太东南 1', '47.88', 'abc'),
  region('us-west-1', '美国（硅谷）', '美国西部 1', '47.251', 'abc'),
  region('eu-central-1', '德国（法兰克福）', '欧洲中部 1', '47.254', 'abc'),
];

const REGION_BY_ID = new Map(REGIONS.map((r) => [r.id, r]));

/** The region with that ID, or undefined. */
export function findRegion(id: string): RegionInfo | undefined {
  return REGION_BY_ID.get(id);
}

/** The instance type with that ID, or undefined. */
export function findInstanceType(id: string): InstanceTypeInfo | undefined {
  return INSTANCE_TYPES.find((t) => t.id === id);
}

function img(id: string, osName: string, osNameEn: string, platform: string, opts: { osType?: 'linux' | 'windows'; arch?: 'x86_64' | 'arm64'; size?: number } = {}): SystemImageInfo {
  const m = /_(\d{4})(\d{2})(\d{2})\.vhd$/.exec(id);
  const createdAt = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 8, 0, 0) : Date.UTC(2020, 0, 1);
  return { id, osName, osNameEn, platform, osType: opts.osType ?? 'linux', architecture: opts.arch ?? 'x86_64', sizeGiB: opts.size ?? 20, createdAt };
}

/** Public images offered in every region (`ImageOwnerAlias` `system`, `ImageName` = `ImageId`). */
export const SYSTEM_IMAGES: readonly SystemImageInfo[] = [
  img('ubuntu_22_04_x64_20G_alibase_20230815.vhd', 'Ubuntu  22.04 64位', 'Ubuntu  22.04 64 bit', 'Ubuntu'),
  img('ubuntu_22_04_arm64_20G_alibase_20230712.vhd', 'Ubuntu  22.04 64位 ARM版', 'Ubuntu  22.04 64 bit ARM', 'Ubuntu', { arch: 'arm64' }),
  img('ubuntu_20_04_x64_20G_alibase_20230718.vhd', 'Ubuntu  20.04 64位', 'Ubuntu  20.04 64 bit', 'Ubuntu'),
  img('ubuntu_18_04_x64_20G_alibase_20230208.vhd', 'Ubuntu  18.04 64位', 'Ubuntu  18.04 64 bit', 'Ubuntu'),
  img('ubuntu_18_04_64_20G_alibase_20190624.vhd', 'Ubuntu  18.04 64位', 'Ubuntu  18.04 64 bit', 'Ubuntu'),
  img('centos_7_9_x64_20G_alibase_20230718.vhd', 'CentOS  7.9 64位', 'CentOS  7.9 64 bit', 'CentOS'),
  img('centos_6_10_x64_20G_alibase_20210910.vhd', 'CentOS  6.10 64位', 'CentOS  6.10 64 bit', 'CentOS'),
  img('aliyun_3_x64_20G_alibase_20230727.vhd', 'Alibaba Cloud Linux  3.2104 LTS 64位', 'Alibaba Cloud Linux  3.2104 LTS 64 bit', 'Aliyun'),
  img('win2019_1809_x64_dtc_en-us_40G_alibase_20230811.vhd', 'Windows Server  2019 数据中心版 64位英文版', 'Windows Server  2019 Datacenter Edition 64bit English Edition', 'Windows Server 2019', { osType: 'windows', size: 40 }),
];

/** The system image with that ID, or undefined. */
export function findSystemImage(id: string): SystemImageInfo | undefined {
  return SYSTEM_IMAGES.find((i) => i.id === id);
}

/** The Alibaba Cloud account that owns every user resource in the emulator. */
export const ACCOUNT_ID = 1_234_567_890_123_456;
