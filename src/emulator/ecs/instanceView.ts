import { findInstanceType, findSystemImage } from '../catalogue.js';
import { ecsTags } from '../api.js';
import { isoMinutes } from '../clock.js';
import type { InstanceRecord, RegionData } from '../model.js';

function mac(id: string): string {
  let h = 0;
  for (const c of id) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
  const b = [0x00, 0x16, 0x3e, (h >>> 16) & 255, (h >>> 8) & 255, h & 255];
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
}

/** The DescribeInstances shape of an instance. */
export function instanceView(i: InstanceRecord, data: RegionData): Record<string, unknown> {
  const t = findInstanceType(i.instanceType);
  const sys = findSystemImage(i.imageId);
  const usr = data.images[i.imageId];
  return {
    InstanceId: i.id,
    InstanceName: i.name,
    Description: i.description,
    HostName: i.hostName,
    ImageId: i.imageId,
    InstanceType: i.instanceType,
    InstanceTypeFamily: t?.family ?? '',
    Cpu: t?.cpu ?? 0,
    Memory: (t?.memoryGiB ?? 0) * 1024,
    RegionId: i.regionId,
    ZoneId: i.zoneId,
    Status: i.status,
    CreationTime: isoMinutes(i.createdAt),
    StartTime: i.startedAt !== undefined ? isoMinutes(i.startedAt) : '',
    ExpiredTime: '2099-12-31T15:59Z',
    AutoReleaseTime: '',
    InstanceChargeType: 'PostPaid',
    InternetChargeType: 'PayByTraffic',
    InternetMaxBandwidthOut: i.bandwidthOut,
    InternetMaxBandwidthIn: i.bandwidthIn,
    InstanceNetworkType: 'vpc',
    IoOptimized: true,
    OSType: sys?.osType ?? usr?.osType ?? 'linux',
    OSName: sys?.osName ?? usr?.osName ?? 'Linux',
    OSNameEn: sys?.osNameEn ?? usr?.osNameEn ?? 'Linux',
    SerialNumber: `emu-${i.id.slice(2)}`,
    DeletionProtection: i.deletionProtection,
    DeviceAvailable: true,
    Recyclable: false,
    GPUAmount: 0,
    GPUSpec: '',
    SpotStrategy: 'NoSpot',
    SpotPriceLimit: 0,
    StoppedMode: i.status === 'Stopped' ? 'KeepCharging' : 'Not-applicable',
    KeyPairName: '',
    ResourceGroupId: '',
    CreditSpecification: '',
    VlanId: '',
    LocalStorageAmount: 0,
    LocalStorageCapacity: 0,
    VpcAttributes: { VpcId: i.vpcId, VSwitchId: i.vSwitchId, PrivateIpAddress: { IpAddress: [i.privateIp] }, NatIpAddress: '' },
    PublicIpAddress: { IpAddress: i.publicIp ? [i.publicIp] : [] },
    InnerIpAddress: { IpAddress: [] },
    RdmaIpAddress: { IpAddress: [] },
    EipAddress: { AllocationId: '', IpAddress: '', Bandwidth: 0, InternetChargeType: '', IsSupportUnassociate: false },
    SecurityGroupIds: { SecurityGroupId: [...i.securityGroupIds] },
    OperationLocks: { LockReason: [] },
    Tags: ecsTags(i.tags),
    NetworkInterfaces: {
      NetworkInterface: [
        {
          NetworkInterfaceId: `eni-${i.id.slice(2)}`,
          Type: 'Primary',
          MacAddress: mac(i.id),
          PrimaryIpAddress: i.privateIp,
          PrivateIpSets: { PrivateIpSet: [{ Primary: true, PrivateIpAddress: i.privateIp, PrivateDnsName: '' }] },
          Ipv6Sets: { Ipv6Set: [] },
          Ipv4PrefixSets: { Ipv4PrefixSet: [] },
          Ipv6PrefixSets: { Ipv6PrefixSet: [] },
        },
      ],
    },
    MetadataOptions: { HttpEndpoint: 'enabled', HttpTokens: 'optional', HttpPutResponseHopLimit: 1, InstanceMetadataTags: 'disabled' },
  };
}
