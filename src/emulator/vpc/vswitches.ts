import { ACCOUNT_ID, REGIONS } from '../catalogue.js';
import { pageOf, regionOf, vpcTags, type CallContext } from '../api.js';
import { contains, overlaps, parseCidr } from '../cidr.js';
import { isoSeconds } from '../clock.js';
import { InvalidParameter, MissingParameter } from '../errors.js';
import { DURATIONS, startLifecycle } from '../lifecycle.js';
import type { RegionData, VSwitchRecord } from '../model.js';
import { matchesTagFilters } from '../params.js';
import { checkDescription, validNetworkName } from '../validate.js';
import { DependencyViolation } from '../ecs/errors.js';
import { usableAddresses } from '../ecs/instances.js';
import {
  IncorrectVpcStatus,
  IncorrectVSwitchStatus,
  InvalidCidrBlockMalformed,
  InvalidCidrBlockOverlapped,
  InvalidCirdrBlockMaskLength,
  InvalidVSwitchIdNotFound,
  InvalidVSwitchNameMalformed,
  InvalidZoneIdNotFound,
} from './errors.js';
import { DEFAULT_RESOURCE_GROUP, vpcById } from './vpcs.js';

function vswitchCommon(s: VSwitchRecord, data: RegionData): Record<string, unknown> {
  const used = Object.values(data.instances).filter((i) => i.vSwitchId === s.id).length;
  const vpc = data.vpcs[s.vpcId];
  return {
    VSwitchId: s.id,
    VpcId: s.vpcId,
    Status: s.status,
    CidrBlock: s.cidrBlock,
    ZoneId: s.zoneId,
    VSwitchName: s.name,
    Description: s.description,
    CreationTime: isoSeconds(s.createdAt),
    AvailableIpAddressCount: Math.max(0, usableAddresses(s) - used),
    IsDefault: false,
    ResourceGroupId: DEFAULT_RESOURCE_GROUP,
    OwnerId: ACCOUNT_ID,
    NetworkAclId: '',
    ShareType: 'Sole',
    EnabledIpv6: false,
    Ipv6CidrBlock: '',
    RouteTable: { RouteTableId: vpc?.routeTableId ?? '', RouteTableType: 'System' },
    Tags: vpcTags(s.tags),
  };
}

/**
 * CreateVSwitch: the VPC must be `Available`, the zone in the region, the CIDR inside (or equal to) the
 * VPC's with a mask of 16–29 and no overlap with the VPC's other vSwitches. `Pending` ~3 s, then `Available`.
 */
export function createVSwitch(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const p = ctx.params;
  const vpcId = p.str('VpcId');
  if (!vpcId) throw new MissingParameter('VpcId');
  const zoneId = p.str('ZoneId');
  if (!zoneId) throw new MissingParameter('ZoneId');
  const cidrText = p.required('CidrBlock');
  const vpc = vpcById(r, vpcId);
  if (vpc.status !== 'Available') throw new IncorrectVpcStatus(vpcId, vpc.status);
  if (!r.info.zones.some((z) => z.id === zoneId)) throw new InvalidZoneIdNotFound(zoneId);
  const c = parseCidr(cidrText);
  if (!c) throw new InvalidCidrBlockMalformed(cidrText);
  if (c.mask < 16 || c.mask > 29) throw new InvalidCirdrBlockMaskLength(cidrText);
  if (!contains(parseCidr(vpc.cidrBlock)!, c)) throw new InvalidParameter('CidrBlock', `The CIDR block must lie inside the VPC's ${vpc.cidrBlock}.`);
  for (const s of Object.values(r.data.vswitches)) {
    if (s.vpcId === vpcId && overlaps(parseCidr(s.cidrBlock)!, c)) throw new InvalidCidrBlockOverlapped(cidrText, s.id);
  }
  const name = p.str('VSwitchName') ?? '';
  if (name !== '' && !validNetworkName(name)) throw new InvalidVSwitchNameMalformed();
  const description = p.str('Description') ?? '';
  checkDescription(description, undefined, 1);
  const tags = p.tags();
  const id = ctx.store.newId('vsw');
  r.data.vswitches[id] = {
    id,
    regionId: r.info.id,
    vpcId,
    zoneId,
    cidrBlock: cidrText,
    name,
    description,
    status: 'Pending',
    lifecycle: startLifecycle(ctx.now, [['Pending', DURATIONS.vswitchPending]], 'Available'),
    createdAt: ctx.now,
    tags,
    deleting: false,
  };
  return { VSwitchId: id };
}

/** DescribeVSwitches: filters `VpcId`, `VSwitchId` (comma list), `ZoneId`, `VSwitchName`, `RouteTableId`, `Tag.N`; PageNumber/PageSize ≤ 50. */
export function describeVSwitches(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const p = ctx.params;
  const f = (n: string): string | undefined => p.str(n) || undefined;
  const ids = p.commaList('VSwitchId');
  const isDefault = p.has('IsDefault') ? p.bool('IsDefault') : undefined;
  const tagFilters = p.objects('Tag');
  const items = Object.values(r.data.vswitches)
    .filter(
      (s) =>
        (!f('VpcId') || s.vpcId === f('VpcId')) &&
        (!ids || ids.includes(s.id)) &&
        (!f('ZoneId') || s.zoneId === f('ZoneId')) &&
        (!f('VSwitchName') || s.name === f('VSwitchName')) &&
        (!f('RouteTableId') || r.data.vpcs[s.vpcId]?.routeTableId === f('RouteTableId')) &&
        isDefault !== true &&
        matchesTagFilters(s.tags, tagFilters),
    )
    .sort((a, b) => a.createdAt - b.createdAt);
  const page = pageOf(ctx, items, 10, 50);
  return { VSwitches: { VSwitch: page.items.map((s) => vswitchCommon(s, r.data)) }, TotalCount: page.TotalCount, PageNumber: page.PageNumber, PageSize: page.PageSize };
}

/** DescribeVSwitchAttributes: one vSwitch; unknown → 404 `InvalidVSwitchId.NotFound`. */
export function describeVSwitchAttributes(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const id = ctx.params.required('VSwitchId');
  const s = r.data.vswitches[id];
  if (!s) throw new InvalidVSwitchIdNotFound(id);
  return vswitchCommon(s, r.data);
}

/** DeleteVSwitch: 400 `DependencyViolation` while instances use it, `IncorrectVSwitchStatus` unless `Available`; gone ~2 s later. */
export function deleteVSwitch(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const id = ctx.params.required('VSwitchId');
  const s = r.data.vswitches[id];
  if (!s) throw new InvalidVSwitchIdNotFound(id);
  if (s.deleting) return {};
  if (s.status !== 'Available') throw new IncorrectVSwitchStatus(id, s.status);
  const user = Object.values(r.data.instances).find((i) => i.vSwitchId === id);
  if (user) throw new DependencyViolation(`The vSwitch "${id}" is still used by instance "${user.id}".`, 400);
  s.deleting = true;
  s.status = 'Pending';
  s.lifecycle = startLifecycle(ctx.now, [['Pending', DURATIONS.vswitchDeleting]], null);
  return {};
}

/** ModifyVSwitchAttribute: `VSwitchName`, `Description`. */
export function modifyVSwitchAttribute(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const p = ctx.params;
  const id = p.required('VSwitchId');
  const s = r.data.vswitches[id];
  if (!s || s.deleting) throw new InvalidVSwitchIdNotFound(id);
  const name = p.str('VSwitchName');
  if (name !== undefined && name !== '' && !validNetworkName(name)) throw new InvalidVSwitchNameMalformed();
  const description = p.str('Description');
  checkDescription(description, undefined, 1);
  if (name) s.name = name;
  if (description !== undefined) s.description = description;
  return {};
}

/** DescribeRegions (VPC). */
export function describeVpcRegions(): Record<string, unknown> {
  return { Regions: { Region: REGIONS.map((r) => ({ RegionId: r.id, LocalName: r.localName, RegionEndpoint: `vpc.${r.id}.aliyuncs.com` })) } };
}

/** DescribeZones (VPC). */
export function describeVpcZones(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  return { Zones: { Zone: r.info.zones.map((z) => ({ ZoneId: z.id, LocalName: z.localName, ZoneType: 'AvailabilityZone' })) } };
}
