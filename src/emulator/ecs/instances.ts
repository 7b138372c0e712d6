import { findInstanceType } from '../catalogue.js';
import { pageOf, regionOf, tokenPageOf, type CallContext } from '../api.js';
import { ipNumber, ipString, parseCidr, size } from '../cidr.js';
import { DryRunOperation, InvalidParameter, MissingParameter } from '../errors.js';
import { DURATIONS, startLifecycle } from '../lifecycle.js';
import type { InstanceRecord, RegionData, VSwitchRecord } from '../model.js';
import { matchesTagFilters } from '../params.js';
import type { Store } from '../store.js';
import { checkDescription, validInstanceName } from '../validate.js';
import { IncorrectVSwitchStatus, InvalidVSwitchIdNotFound } from '../vpc/errors.js';
import {
  IncorrectImageStatus,
  IncorrectInstanceStatus,
  IncorrectInstanceStatusInitializing,
  InvalidImageIdNotFound,
  InvalidInstanceIdNotFound,
  InvalidInstanceNameMalformed,
  InvalidInstanceTypeValueNotSupported,
  InvalidOperationDeletionProtection,
  InvalidParameterMismatch,
  InvalidSecurityGroupIdNotFound,
  InvalidSystemDiskCategoryValueNotSupported,
  InvalidVSwitchIdIpNotEnough,
  OperationDeniedNoStock,
} from './errors.js';
import { findImage } from './images.js';
import { instanceView } from './instanceView.js';

/** Usable private addresses of a vSwitch: the network address and the last three are reserved. */
export function usableAddresses(vsw: VSwitchRecord): number {
  const c = parseCidr(vsw.cidrBlock)!;
  return Math.max(0, size(c) - 4);
}

/** Instances (not yet gone) attached to a vSwitch. */
export function instancesIn(data: RegionData, pred: (i: InstanceRecord) => boolean): InstanceRecord[] {
  return Object.values(data.instances).filter(pred);
}

function allocateIps(data: RegionData, vsw: VSwitchRecord, n: number): string[] {
  const c = parseCidr(vsw.cidrBlock)!;
  const used = new Set(instancesIn(data, (i) => i.vSwitchId === vsw.id).map((i) => ipNumber(i.privateIp)));
  const out: string[] = [];
  for (let a = c.base + 1; a <= c.base + size(c) - 4 && out.length < n; a++) if (!used.has(a)) out.push(ipString(a));
  if (out.length < n) throw new InvalidVSwitchIdIpNotEnough(vsw.id);
  return out;
}

function publicIp(prefix: string, id: string): string {
  let h = 7;
  for (const ch of id) h = (Math.imul(h, 131) + ch.charCodeAt(0)) >>> 0;
  return `${prefix}.${(h >>> 8) & 255}.${1 + (h % 254)}`;
}

/**
 * RunInstances (VPC only: `VSwitchId` is required): validates image, type, stock, vSwitch, zone and
 * security groups, allocates private IPs from the vSwitch (and a public IP when
 * `InternetMaxBandwidthOut` > 0), and starts `Amount` instances: `Pending` → `Starting` → `Running`.
 */
export function runInstances(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const p = ctx.params;
  const imageId = p.required('ImageId');
  const typeId = p.required('InstanceType');
  const vswId = p.str('VSwitchId');
  if (!vswId) throw new MissingParameter('VSwitchId');
  const sgIds = [...new Set([p.str('SecurityGroupId'), ...p.list('SecurityGroupIds')].filter((x): x is string => !!x))];
  if (sgIds.length === 0) throw new MissingParameter('SecurityGroupId');
  const amount = p.int('Amount', 1, 1, 100);
  const name = p.str('InstanceName');
  if (name !== undefined && name !== '' && !validInstanceName(name)) throw new InvalidInstanceNameMalformed();
  const description = p.str('Description') ?? '';
  checkDescription(description);
  const bwOut = p.int('InternetMaxBandwidthOut', 0, 0, 100);
  const bwIn = p.int('InternetMaxBandwidthIn', 200, 1, 10240);
  const tags = p.tags();
  const img = findImage(r, imageId);
  if (!img || img.user?.deleting) throw new InvalidImageIdNotFound(imageId);
  if (img.status !== 'Available') throw new IncorrectImageStatus(imageId, img.status);
  const type = findInstanceType(typeId);
  if (!type) throw new InvalidInstanceTypeValueNotSupported(typeId);
  const vsw = r.data.vswitches[vswId];
  if (!vsw || vsw.deleting) throw new InvalidVSwitchIdNotFound(vswId);
  if (vsw.status !== 'Available') throw new IncorrectVSwitchStatus(vswId, vsw.status);
  const zoneId = p.str('ZoneId');
  if (zoneId && zoneId !== vsw.zoneId) throw new InvalidParameterMismatch(`The zone "${zoneId}" does not match the zone "${vsw.zoneId}" of vSwitch "${vswId}".`);
  const zone = r.info.zones.find((z) => z.id === vsw.zoneId)!;
  if (zone.soldOut || !zone.instanceTypes.includes(typeId)) throw new OperationDeniedNoStock(typeId, zone.id);
  const diskCategory = p.str('SystemDisk.Category') || 'cloud_efficiency';
  if (!zone.diskCategories.includes(diskCategory)) throw new InvalidSystemDiskCategoryValueNotSupported(diskCategory);
  const imageSize = img.user?.sizeGiB ?? img.system?.sizeGiB ?? 20;
  const diskSize = p.int('SystemDisk.Size', Math.max(40, imageSize), 20, 2048);
  if (diskSize < imageSize) throw new InvalidParameter('SystemDisk.Size', `It must be at least the image size (${imageSize} GiB).`);
  for (const sg of sgIds) {
    const g = r.data.securityGroups[sg];
    if (!g) throw new InvalidSecurityGroupIdNotFound(sg);
    if (g.vpcId !== vsw.vpcId) throw new InvalidParameterMismatch(`The security group "${sg}" does not belong to VPC "${vsw.vpcId}" of vSwitch "${vswId}".`);
  }
  const ips = allocateIps(r.data, vsw, amount);
  if (p.bool('DryRun')) throw new DryRunOperation();
  const ids: string[] = [];
  for (const ip of ips) {
    const id = ctx.store.newId('i');
    ids.push(id);
    r.data.instances[id] = {
      id,
      regionId: r.info.id,
      zoneId: vsw.zoneId,
      name: name || id,
      description,
      hostName: p.str('HostName') || `iZ${id.slice(2)}Z`,
      imageId,
      instanceType: typeId,
      vpcId: vsw.vpcId,
      vSwitchId: vsw.id,
      securityGroupIds: sgIds,
      privateIp: ip,
      bandwidthOut: bwOut,
      bandwidthIn: bwIn,
      systemDiskCategory: diskCategory,
      systemDiskSizeGiB: diskSize,
      status: 'Pending',
      lifecycle: startLifecycle(ctx.now, [['Pending', DURATIONS.instancePending], ['Starting', DURATIONS.instanceStarting]], 'Running'),
      createdAt: ctx.now,
      tags,
      deletionProtection: p.bool('DeletionProtection'),
      deleting: false,
      ...(bwOut > 0 ? { publicIp: publicIp(r.info.publicIpPrefix, id) } : {}),
    };
  }
  return { InstanceIdSets: { InstanceIdSet: ids } };
}

/**
 * DescribeInstances: filters `InstanceIds` (JSON array, ≤ 100), `VpcId`, `VSwitchId`, `ZoneId`,
 * `InstanceName` (`*` wildcard), `Status`, `SecurityGroupId`, `ImageId`, `InstanceType`, `Tag.N`; paged by
 * PageNumber/PageSize (≤ 100) or, when `MaxResults`/`NextToken` is sent, by NextToken.
 */
export function describeInstances(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const p = ctx.params;
  const ids = p.jsonList('InstanceIds');
  if (ids && ids.length > 100) throw new InvalidParameter('InstanceIds', 'At most 100 IDs.');
  const f = (n: string): string | undefined => p.str(n) || undefined;
  const nameRe = f('InstanceName') ? new RegExp('^' + f('InstanceName')!.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*') + '$') : undefined;
  const tagFilters = p.objects('Tag');
  const items = Object.values(r.data.instances)
    .filter(
      (i) =>
        (!ids || ids.includes(i.id)) &&
        (!f('VpcId') || i.vpcId === f('VpcId')) &&
        (!f('VSwitchId') || i.vSwitchId === f('VSwitchId')) &&
        (!f('ZoneId') || i.zoneId === f('ZoneId')) &&
        (!nameRe || nameRe.test(i.name)) &&
        (!f('Status') || i.status === f('Status')) &&
        (!f('SecurityGroupId') || i.securityGroupIds.includes(f('SecurityGroupId')!)) &&
        (!f('ImageId') || i.imageId === f('ImageId')) &&
        (!f('InstanceType') || i.instanceType === f('InstanceType')) &&
        matchesTagFilters(i.tags, tagFilters),
    )
    .sort((a, b) => a.createdAt - b.createdAt);
  if (p.has('MaxResults') || p.has('NextToken')) {
    const page = tokenPageOf(ctx, items, 'MaxResults', 10, 100);
    return { Instances: { Instance: page.items.map((i) => instanceView(i, r.data)) }, NextToken: page.NextToken, TotalCount: items.length, PageNumber: 1, PageSize: page.items.length };
  }
  const page = pageOf(ctx, items, 10, 100);
  return { Instances: { Instance: page.items.map((i) => instanceView(i, r.data)) }, TotalCount: page.TotalCount, PageNumber: page.PageNumber, PageSize: page.PageSize, NextToken: '' };
}

/** Finds an instance by ID across regions (these actions carry no RegionId); records its region for the log. */
function instanceById(ctx: CallContext, store: Store): InstanceRecord {
  const id = ctx.params.required('InstanceId');
  const inst = store.findInstance(id);
  if (!inst) throw new InvalidInstanceIdNotFound(id);
  ctx.region = inst.regionId;
  return inst;
}

/** StopInstance: `Running` → `Stopping` → `Stopped`; other statuses → 403 `IncorrectInstanceStatus`. */
export function stopInstance(ctx: CallContext): Record<string, unknown> {
  const inst = instanceById(ctx, ctx.store);
  if (inst.deleting || inst.status !== 'Running') throw new IncorrectInstanceStatus(inst.id, inst.status);
  if (ctx.params.bool('DryRun')) throw new DryRunOperation();
  inst.status = 'Stopping';
  inst.lifecycle = startLifecycle(ctx.now, [['Stopping', DURATIONS.instanceStopping]], 'Stopped');
  return {};
}

/** StartInstance: `Stopped` → `Starting` → `Running`; other statuses → 403 `IncorrectInstanceStatus`. */
export function startInstance(ctx: CallContext): Record<string, unknown> {
  const inst = instanceById(ctx, ctx.store);
  if (inst.deleting || inst.status !== 'Stopped') throw new IncorrectInstanceStatus(inst.id, inst.status);
  if (ctx.params.bool('DryRun')) throw new DryRunOperation();
  inst.status = 'Starting';
  inst.lifecycle = startLifecycle(ctx.now, [['Starting', DURATIONS.instanceStarting]], 'Running');
  return {};
}

/**
 * DeleteInstance: `Stopped` → gone after ~3 s; `Running`/`Stopping` need `Force` (released via
 * `Stopping`); `Pending`/`Starting` → 403 `IncorrectInstanceStatus.Initializing`. The instance keeps its
 * IP, vSwitch and security groups until it is gone.
 */
export function deleteInstance(ctx: CallContext): Record<string, unknown> {
  const inst = instanceById(ctx, ctx.store);
  const force = ctx.params.bool('Force');
  if (inst.deleting) return {};
  if (inst.deletionProtection) throw new InvalidOperationDeletionProtection(inst.id);
  if (inst.status === 'Pending' || inst.status === 'Starting') throw new IncorrectInstanceStatusInitializing(inst.id);
  if (inst.status !== 'Stopped' && !force) throw new IncorrectInstanceStatus(inst.id, inst.status);
  if (ctx.params.bool('DryRun')) throw new DryRunOperation();
  inst.deleting = true;
  const step = inst.status === 'Stopped' ? 'Stopped' : 'Stopping';
  inst.status = step;
  inst.lifecycle = startLifecycle(ctx.now, [[step, DURATIONS.instanceRelease]], null);
  return {};
}

/** ModifyInstanceAttribute: `InstanceName`, `Description`, `HostName`, `DeletionProtection`, `SecurityGroupIds.N` (same VPC). */
export function modifyInstanceAttribute(ctx: CallContext): Record<string, unknown> {
  const inst = instanceById(ctx, ctx.store);
  const p = ctx.params;
  const name = p.str('InstanceName');
  if (name !== undefined && name !== '' && !validInstanceName(name)) throw new InvalidInstanceNameMalformed();
  const description = p.str('Description');
  checkDescription(description);
  const sgIds = p.list('SecurityGroupIds');
  const data = ctx.store.region(inst.regionId).data;
  for (const sg of sgIds) {
    const g = data.securityGroups[sg];
    if (!g) throw new InvalidSecurityGroupIdNotFound(sg);
    if (g.vpcId !== inst.vpcId) throw new InvalidParameterMismatch(`The security group "${sg}" does not belong to VPC "${inst.vpcId}".`);
  }
  if (name) inst.name = name;
  if (description !== undefined) inst.description = description;
  const host = p.str('HostName');
  if (host) inst.hostName = host;
  if (p.has('DeletionProtection')) inst.deletionProtection = p.bool('DeletionProtection');
  if (sgIds.length > 0) inst.securityGroupIds = [...new Set(sgIds)];
  return {};
}
