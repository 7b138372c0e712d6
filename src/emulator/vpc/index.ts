import type { ActionTable } from '../api.js';
import { listVpcTagResources, tagVpcResources, untagVpcResources } from './tags.js';
import { createVpc, deleteVpc, describeVpcAttribute, describeVpcs, modifyVpcAttribute } from './vpcs.js';
import { createVSwitch, deleteVSwitch, describeVpcRegions, describeVpcZones, describeVSwitchAttributes, describeVSwitches, modifyVSwitchAttribute } from './vswitches.js';

/** API version of VPC. */
export const VPC_VERSION = '2016-04-28';

/** The VPC actions the emulator answers, with the parameters each one ignores. */
export const VPC_ACTIONS: ActionTable = {
  DescribeRegions: { handler: describeVpcRegions, mutating: false, unsupported: ['AcceptLanguage', 'ProductType'] },
  DescribeZones: { handler: describeVpcZones, mutating: false, unsupported: ['AcceptLanguage', 'ZoneType'] },
  CreateVpc: { handler: createVpc, mutating: true, clientToken: 'standard', unsupported: ['EnableIpv6', 'Ipv6CidrBlock', 'Ipv6Isp', 'UserCidr', 'Ipv4IpamPoolId', 'Ipv4CidrMask', 'Ipv6IpamPoolId', 'Ipv6CidrMask', 'EnableDnsHostname', 'ResourceGroupId'] },
  DescribeVpcs: { handler: describeVpcs, mutating: false, unsupported: ['DhcpOptionsSetId', 'EnableIpv6', 'VpcOwnerId', 'ResourceGroupId'] },
  DescribeVpcAttribute: { handler: describeVpcAttribute, mutating: false, unsupported: ['IsDefault'] },
  DeleteVpc: { handler: deleteVpc, mutating: true, clientToken: 'standard', unsupported: ['ForceDelete'] },
  ModifyVpcAttribute: { handler: modifyVpcAttribute, mutating: true, unsupported: ['EnableIPv6', 'Ipv6CidrBlock', 'Ipv6Isp', 'EnableDnsHostname'] },
  CreateVSwitch: { handler: createVSwitch, mutating: true, clientToken: 'standard', unsupported: ['CidrMask', 'Ipv6CidrBlock', 'Ipv6CidrMask', 'VpcIpv6CidrBlock'] },
  DescribeVSwitches: { handler: describeVSwitches, mutating: false, unsupported: ['EnableIpv6', 'VSwitchOwnerId', 'ResourceGroupId'] },
  DescribeVSwitchAttributes: { handler: describeVSwitchAttributes, mutating: false },
  DeleteVSwitch: { handler: deleteVSwitch, mutating: true },
  ModifyVSwitchAttribute: { handler: modifyVSwitchAttribute, mutating: true, unsupported: ['EnableIPv6', 'Ipv6CidrBlock', 'Ipv6CidrMask', 'VpcIpv6CidrBlock'] },
  TagResources: { handler: tagVpcResources, mutating: true },
  UnTagResources: { handler: untagVpcResources, mutating: true },
  ListTagResources: { handler: listVpcTagResources, mutating: false },
};
