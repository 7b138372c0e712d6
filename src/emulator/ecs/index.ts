import type { ActionTable } from '../api.js';
import { describeAvailableResource, describeInstanceTypes, describeRegions, describeZones } from './catalogue.js';
import { cancelCopyImage, copyImage, createImage, deleteImage, modifyImageAttribute } from './imageActions.js';
import { describeImages } from './images.js';
import { deleteInstance, describeInstances, modifyInstanceAttribute, runInstances, startInstance, stopInstance } from './instances.js';
import { createSecurityGroup, deleteSecurityGroup, describeSecurityGroups, modifySecurityGroupAttribute } from './securityGroups.js';
import { deleteSnapshot, describeSnapshots } from './snapshots.js';
import { listTagResources, tagResources, untagResources } from './tags.js';

/** API version of ECS. */
export const ECS_VERSION = '2014-05-26';

const OWNER = ['OwnerId', 'OwnerAccount', 'ResourceOwnerId', 'ResourceOwnerAccount'];
const RG = ['ResourceGroupId'];

/** The ECS actions the emulator answers, with the parameters each one ignores. */
export const ECS_ACTIONS: ActionTable = {
  DescribeRegions: { handler: describeRegions, mutating: false, unsupported: ['AcceptLanguage', 'InstanceChargeType', 'ResourceType'] },
  DescribeZones: { handler: describeZones, mutating: false, unsupported: ['AcceptLanguage', 'InstanceChargeType', 'SpotStrategy', 'Verbose'] },
  DescribeInstanceTypes: { handler: describeInstanceTypes, mutating: false, unsupported: ['CpuArchitecture', 'InstanceCategory', 'MinimumCpuCoreCount', 'MaximumCpuCoreCount', 'MinimumMemorySize', 'MaximumMemorySize', 'GPUSpec'] },
  DescribeAvailableResource: { handler: describeAvailableResource, mutating: false, unsupported: ['InstanceChargeType', 'SpotStrategy', 'SpotDuration', 'DedicatedHostId', 'Scope', 'ResourceType', 'IoOptimized', 'SystemDiskCategory', 'DataDiskCategory', 'NetworkCategory'] },
  DescribeImages: { handler: describeImages, mutating: false, unsupported: ['ActionType', 'InstanceType', 'Filter', 'ShowExpired', 'IsSupportCloudinit', 'IsSupportIoOptimized', 'ImageOwnerId', 'Usage', ...RG] },
  CreateImage: { handler: createImage, mutating: true, clientToken: 'createImage', unsupported: ['DiskDeviceMapping', 'BootMode', 'DetectionStrategy', 'Features', 'ImageFamily', 'ImageVersion', ...RG] },
  CopyImage: { handler: copyImage, mutating: true, clientToken: 'standard', unsupported: ['EncryptAlgorithm', ...RG] },
  CancelCopyImage: { handler: cancelCopyImage, mutating: true },
  DeleteImage: { handler: deleteImage, mutating: true },
  ModifyImageAttribute: { handler: modifyImageAttribute, mutating: true, unsupported: ['BootMode', 'Features', 'ImageFamily', 'LicenseType'] },
  TagResources: { handler: tagResources, mutating: true },
  UntagResources: { handler: untagResources, mutating: true },
  ListTagResources: { handler: listTagResources, mutating: false, unsupported: ['TagFilter'] },
  RunInstances: {
    handler: runInstances,
    mutating: true,
    clientToken: 'standard',
    unsupported: ['DataDisk', 'NetworkInterface', 'LaunchTemplateId', 'LaunchTemplateName', 'KeyPairName', 'Password', 'PasswordInherit', 'UserData', 'InstanceChargeType', 'Period', 'PeriodUnit', 'SpotStrategy', 'PrivateIpAddress', 'Ipv6AddressCount', 'DeploymentSetId', 'MinAmount', 'UniqueSuffix', ...RG],
  },
  DescribeInstances: { handler: describeInstances, mutating: false, unsupported: ['PrivateIpAddresses', 'PublicIpAddresses', 'EipAddresses', 'InnerIpAddresses', 'InstanceChargeType', 'InternetChargeType', 'Filter', 'AdditionalAttributes', ...RG] },
  StopInstance: { handler: stopInstance, mutating: true, unsupported: ['ForceStop', 'StoppedMode', 'Hibernate', 'ConfirmStop'] },
  StartInstance: { handler: startInstance, mutating: true, unsupported: ['InitLocalDisk'] },
  DeleteInstance: { handler: deleteInstance, mutating: true, unsupported: ['TerminateSubscription', 'ForceStop'] },
  ModifyInstanceAttribute: { handler: modifyInstanceAttribute, mutating: true, unsupported: ['Password', 'UserData', 'CreditSpecification', 'Recyclable', 'NetworkInterfaceQueueNumber', 'CpuOptions'] },
  CreateSecurityGroup: { handler: createSecurityGroup, mutating: true, clientToken: 'standard', unsupported: ['ServiceManaged', ...RG] },
  DescribeSecurityGroups: { handler: describeSecurityGroups, mutating: false, unsupported: ['FuzzyQuery', 'IsQueryEcsCount', 'NetworkType', 'ServiceManaged', ...RG] },
  DeleteSecurityGroup: { handler: deleteSecurityGroup, mutating: true },
  ModifySecurityGroupAttribute: { handler: modifySecurityGroupAttribute, mutating: true },
  DescribeSnapshots: { handler: describeSnapshots, mutating: false, unsupported: ['DiskId', 'InstanceId', 'Category', 'SnapshotType', 'Usage', 'Encrypted', 'Filter', ...RG] },
  DeleteSnapshot: { handler: deleteSnapshot, mutating: true, unsupported: ['Force'] },
};

/** Parameters every action accepts and ignores (account-scoping fields of the real API). */
export const IGNORED_EVERYWHERE: readonly string[] = [...OWNER, 'ClientToken', 'DryRun', 'RegionId'];
