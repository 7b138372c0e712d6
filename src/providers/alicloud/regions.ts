/**
 * Alibaba Cloud region IDs minitf accepts without `skip_region_validation` (public regions plus the
 * finance and government regions the reference provider knows).
 */
export const KNOWN_REGIONS: readonly string[] = [
  'cn-qingdao', 'cn-beijing', 'cn-zhangjiakou', 'cn-huhehaote', 'cn-wulanchabu', 'cn-hangzhou',
  'cn-shanghai', 'cn-nanjing', 'cn-fuzhou', 'cn-shenzhen', 'cn-heyuan', 'cn-guangzhou', 'cn-chengdu',
  'cn-hongkong', 'cn-wuhan-lr', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-5',
  'ap-southeast-6', 'ap-southeast-7', 'ap-northeast-1', 'ap-northeast-2', 'ap-south-1', 'us-west-1',
  'us-east-1', 'eu-central-1', 'eu-west-1', 'me-east-1', 'me-central-1', 'na-south-1',
  'cn-shanghai-finance-1', 'cn-shenzhen-finance-1', 'cn-beijing-finance-1', 'cn-north-2-gov-1',
];

/** The region the reference provider falls back to when nothing names one. */
export const DEFAULT_REGION = 'cn-beijing';

/** True when `region` is a region ID minitf knows. */
export function isKnownRegion(region: string): boolean {
  return KNOWN_REGIONS.includes(region);
}
