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
  /** DescribeInstanceTypes `CpuArchitecture`. */
  readonly architecture: 'X86' | 'ARM';
  readonly processorModel: string;
  /** GHz. */
  readonly cpuSpeed: number;
  /** GHz. */
  readonly cpuTurbo: number;
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

/** What every size of a family shares. */
type Family = Omit<InstanceTypeInfo, 'id' | 'cpu' | 'memoryGiB'>;

const SKYLAKE = { architecture: 'X86', processorModel: 'Intel Xeon (Skylake) Platinum 8163', cpuSpeed: 2.5, cpuTurbo: 3.1 } as const;
const ICE_LAKE = { architecture: 'X86', processorModel: 'Intel Xeon (Ice Lake) Platinum 8369B', cpuSpeed: 2.7, cpuTurbo: 3.5 } as const;
const SAPPHIRE_RAPIDS = { architecture: 'X86', processorModel: 'Intel Xeon (Sapphire Rapids) Platinum 8475B', cpuSpeed: 2.7, cpuTurbo: 3.2 } as const;
const GENOA = { architecture: 'X86', processorModel: 'AMD EPYC Genoa 9T24', cpuSpeed: 2.7, cpuTurbo: 3.7 } as const;
const YITIAN = { architecture: 'ARM', processorModel: 'T-HEAD Yitian 710', cpuSpeed: 2.75, cpuTurbo: 2.75 } as const;

const ENT = 'EnterpriseLevel';
function family(id: string, category: string, generation: string, cpu: Omit<Family, 'family' | 'category' | 'generation' | 'level'>, sizes: readonly (readonly [string, number, number])[], level: Family['level'] = ENT): InstanceTypeInfo[] {
  return sizes.map(([size, vcpu, mem]) => ({ id: `${id}.${size}`, family: id, cpu: vcpu, memoryGiB: mem, category, level, generation, ...cpu }));
}

/** large, xlarge, 2xlarge with `ratio` GiB of memory per vCPU. */
const sizes = (ratio: number): (readonly [string, number, number])[] => [
  ['large', 2, 2 * ratio],
  ['xlarge', 4, 4 * ratio],
  ['2xlarge', 8, 8 * ratio],
];

/**
 * Global instance-type catalogue (DescribeInstanceTypes carries no RegionId): vCPU and memory per type
 * as Alibaba Cloud documents them (general-purpose g: 1:4, compute c: 1:2, memory r: 1:8; the SCC
 * type counts 128 vCPU on 64 physical cores with 256 GiB).
 */
export const INSTANCE_TYPES: readonly InstanceTypeInfo[] = [
  ...family('ecs.n4', 'Shared', 'ecs-2', SKYLAKE, [['small', 1, 2], ['large', 2, 4]], 'EntryLevel'),
  ...family('ecs.sn1ne', 'Compute-optimized', 'ecs-3', SKYLAKE, [['large', 2, 4], ['xlarge', 4, 8], ['2xlarge', 8, 16]]),
  ...family('ecs.c6', 'Compute-optimized', 'ecs-4', SKYLAKE, [['large', 2, 4]]),
  ...family('ecs.g6', 'General-purpose', 'ecs-4', SKYLAKE, [['large', 2, 8], ['xlarge', 4, 16]]),
  ...family('ecs.g7', 'General-purpose', 'ecs-5', ICE_LAKE, sizes(4)),
  ...family('ecs.c7', 'Compute-optimized', 'ecs-5', ICE_LAKE, sizes(2)),
  ...family('ecs.r7', 'Memory-optimized', 'ecs-5', ICE_LAKE, sizes(8)),
  ...family('ecs.sccc7', 'Super Computing Cluster', 'ecs-5', ICE_LAKE, [['32xlarge', 128, 256]]),
  ...family('ecs.g8i', 'General-purpose', 'ecs-6', SAPPHIRE_RAPIDS, sizes(4)),
  ...family('ecs.c8i', 'Compute-optimized', 'ecs-6', SAPPHIRE_RAPIDS, sizes(2)),
  ...family('ecs.g8a', 'General-purpose', 'ecs-6', GENOA, sizes(4)),
  ...family('ecs.g8y', 'General-purpose', 'ecs-6', YITIAN, sizes(4)),
  ...family('ecs.c8y', 'Compute-optimized', 'ecs-6', YITIAN, sizes(2)),
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
  region('cn-beijing', '华北2（北京）', '华北 2', '39.105', 'fghijkl', { f: { types: NO_G6 } }),
  region('cn-zhangjiakou', '华北3（张家口）', '华北 3', '47.92', 'abc'),
  region('cn-hangzhou', '华东1（杭州）', '华东 1', '47.96', 'bfghijk', { g: { soldOut: true }, k: { types: NO_G6 } }),
  region('cn-shanghai', '华东2（上海）', '华东 2', '47.100', 'bdefglmn'),
  region('cn-shenzhen', '华南1（深圳）', '华南 1', '120.79', 'acdef'),
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
  img('ubuntu_24_04_x64_20G_alibase_20240812.vhd', 'Ubuntu  24.04 64位', 'Ubuntu  24.04 64 bit', 'Ubuntu'),
  img('ubuntu_22_04_x64_20G_alibase_20240711.vhd', 'Ubuntu  22.04 64位', 'Ubuntu  22.04 64 bit', 'Ubuntu'),
  img('ubuntu_22_04_x64_20G_alibase_20230815.vhd', 'Ubuntu  22.04 64位', 'Ubuntu  22.04 64 bit', 'Ubuntu'),
  img('ubuntu_22_04_arm64_20G_alibase_20230712.vhd', 'Ubuntu  22.04 64位 ARM版', 'Ubuntu  22.04 64 bit ARM', 'Ubuntu', { arch: 'arm64' }),
  img('ubuntu_20_04_x64_20G_alibase_20230718.vhd', 'Ubuntu  20.04 64位', 'Ubuntu  20.04 64 bit', 'Ubuntu'),
  img('ubuntu_18_04_x64_20G_alibase_20230208.vhd', 'Ubuntu  18.04 64位', 'Ubuntu  18.04 64 bit', 'Ubuntu'),
  img('ubuntu_18_04_64_20G_alibase_20190624.vhd', 'Ubuntu  18.04 64位', 'Ubuntu  18.04 64 bit', 'Ubuntu'),
  img('centos_7_9_x64_20G_alibase_20240628.vhd', 'CentOS  7.9 64位', 'CentOS  7.9 64 bit', 'CentOS'),
  img('centos_7_9_x64_20G_alibase_20230718.vhd', 'CentOS  7.9 64位', 'CentOS  7.9 64 bit', 'CentOS'),
  img('centos_6_10_x64_20G_alibase_20210910.vhd', 'CentOS  6.10 64位', 'CentOS  6.10 64 bit', 'CentOS'),
  img('aliyun_3_x64_20G_alibase_20240819.vhd', 'Alibaba Cloud Linux  3.2104 LTS 64位', 'Alibaba Cloud Linux  3.2104 LTS 64 bit', 'Aliyun'),
  img('aliyun_3_arm64_20G_alibase_20240819.vhd', 'Alibaba Cloud Linux  3.2104 LTS 64位 ARM版', 'Alibaba Cloud Linux  3.2104 LTS 64 bit ARM Edition', 'Aliyun', { arch: 'arm64' }),
  img('aliyun_3_x64_20G_alibase_20230727.vhd', 'Alibaba Cloud Linux  3.2104 LTS 64位', 'Alibaba Cloud Linux  3.2104 LTS 64 bit', 'Aliyun'),
  img('debian_12_6_x64_20G_alibase_20240711.vhd', 'Debian  12.6 64位', 'Debian  12.6 64 bit', 'Debian'),
  img('win2022_21H2_x64_dtc_en-us_40G_alibase_20240816.vhd', 'Windows Server  2022 数据中心版 64位英文版', 'Windows Server  2022 Datacenter Edition 64bit English Edition', 'Windows Server 2022', { osType: 'windows', size: 40 }),
  img('win2019_1809_x64_dtc_en-us_40G_alibase_20230811.vhd', 'Windows Server  2019 数据中心版 64位英文版', 'Windows Server  2019 Datacenter Edition 64bit English Edition', 'Windows Server 2019', { osType: 'windows', size: 40 }),
];

/** The system image with that ID, or undefined. */
export function findSystemImage(id: string): SystemImageInfo | undefined {
  return SYSTEM_IMAGES.find((i) => i.id === id);
}

/** The Alibaba Cloud account that owns every user resource in the emulator. */
export const ACCOUNT_ID = 1_234_567_890_123_456;
