import { ACCOUNT_ID } from '../catalogue.js';
import { pageOf, regionOf, vpcTags, type CallContext } from '../api.js';
import { contains, parseCidr, PRIVATE_RANGES, type Cidr } from '../cidr.js';
import { isoSeconds } from '../clock.js';
import { DryRunOperation, InvalidParameter } from '../errors.js';
import { DURATIONS, startLifecycle } from '../lifecycle.js';
import type { RegionData, VpcRecord } from '../model.js';
import { matchesTagFilters } from '../params.js';
import type { RegionBackend } from '../store.js';
import { checkDescription, validNetworkName } from '../validate.js';
import { IncorrectVpcStatus, InvalidCidrBlockMalformed, InvalidVpcDiscriptionMalformed, InvalidVpcIdNotFound, InvalidVpcNameMalformed, VpcDependencyViolation } from './errors.js';

/** Resource group every emulated object belongs to. */
export const DEFAULT_RESOURCE_GROUP = 'rg-acfmemulator0default';

/** Parses a VPC CIDR: inside 10/8, 172.16/12 or 192.168/16 with a mask of 8–28. */
export function vpcCidr(s: string): Cidr {
  const c = parseCidr(s);
  if (!c) throw new InvalidCidrBlockMalformed(s);
  if (c.mask < 8 || c.mask > 28 || !PRIVATE_RANGES.some((r) => contains(r, c))) throw new InvalidParameter('CidrBlock', 'It must be 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or a subnet of them with a mask of 8 to 28.');
  return c;
}

/** The VPC `id` of the region (unless it is being deleted), else 404 `InvalidVpcId.NotFound`. */
export function vpcById(r: RegionBackend, id: string, allowDeleting = false): VpcRecord {
  const v = r.data.vpcs[id];
  if (!v || (v.deleting && !allowDeleting)) throw new InvalidVpcIdNotFound(id);
  return v;
}

function vswitchIdsOf(data: RegionData, vpcId: string): string[] {
  return Object.values(data.vswitches).filter((s) => s.vpcId === vpcId).map((s) => s.id).sort();
}

function vpcCommon(v: VpcRecord, data: RegionData): Record<string, unknown> {
  return {
    VpcId: v.id,
    RegionId: v.regionId,
    Status: v.status,
    VpcName: v.name,
    Description: v.description,
    CidrBlock: v.cidrBlock,
    CreationTime: isoSeconds(v.createdAt),
    VRouterId: v.vRouterId,
    IsDefault: false,
    ResourceGroupId: DEFAULT_RESOURCE_GROUP,
    OwnerId: ACCOUNT_ID,
    EnabledIpv6: false,
    Ipv6CidrBlock: '',
    DhcpOptionsSetId: '',
    DhcpOptionsSetStatus: '',
    DnsHostnameStatus: 'DISABLED',
    VSwitchIds: { VSwitchId: vswitchIdsOf(data, v.id) },
    UserCidrs: { UserCidr: [] },
    SecondaryCidrBlocks: { SecondaryCidrBlock: [] },
    Ipv6CidrBlocks: { Ipv6CidrBlock: [] },
    Tags: vpcTags(v.tags),
  };
}

/** CreateVpc: `Pending` ~3 s, then `Available`; makes a vRouter and its system route table. */
export function createVpc(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const p = ctx.params;
  const cidr = p.str('CidrBlock') || '172.16.0.0/12';
  vpcCidr(cidr);
  const name = p.str('VpcName') ?? '';
  if (name !== '' && !validNetworkName(name)) throw new InvalidVpcNameMalformed();
  const description = p.str('Description') ?? '';
  checkDescription(description, () => new InvalidVpcDiscriptionMalformed(), 1);
  const tags = p.tags();
  if (p.bool('DryRun')) throw new DryRunOperation();
  const id = ctx.store.newId('vpc');
  const vRouterId = ctx.store.newId('vrt');
  const routeTableId = ctx.store.newId('vtb');
  r.data.vpcs[id] = {
    id,
    regionId: r.info.id,
    name,
    description,
    cidrBlock: cidr,
    status: 'Pending',
    lifecycle: startLifecycle(ctx.now, [['Pending', DURATIONS.vpcPending]], 'Available'),
    createdAt: ctx.now,
    vRouterId,
    routeTableId,
    tags,
    deleting: false,
  };
  return { VpcId: id, VRouterId: vRouterId, RouteTableId: routeTableId, ResourceGroupId: DEFAULT_RESOURCE_GROUP };
}

/** DescribeVpcs: filters `VpcId` (comma list ≤ 20), `VpcName`, `IsDefault`, `Tag.N`; PageNumber/PageSize ≤ 50. */
export function describeVpcs(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const p = ctx.params;
  const ids = p.commaList('VpcId');
  if (ids && ids.length > 20) throw new InvalidParameter('VpcId', 'At most 20 IDs.');
  const name = p.str('VpcName');
  const isDefault = p.has('IsDefault') ? p.bool('IsDefault') : undefined;
  const tagFilters = p.objects('Tag');
  const items = Object.values(r.data.vpcs)
    .filter((v) => (!ids || ids.includes(v.id)) && (!name || v.name === name) && isDefault !== true && matchesTagFilters(v.tags, tagFilters))
    .sort((a, b) => a.createdAt - b.createdAt);
  const page = pageOf(ctx, items, 10, 50);
  return {
    Vpcs: { Vpc: page.items.map((v) => ({ ...vpcCommon(v, r.data), RouterTableIds: { RouterTableIds: [v.routeTableId] }, NatGatewayIds: { NatGatewayIds: [] }, CenStatus: 'Detached' })) },
    TotalCount: page.TotalCount,
    PageNumber: page.PageNumber,
    PageSize: page.PageSize,
  };
}

/** DescribeVpcAttribute: one VPC; unknown → 404 `InvalidVpcId.NotFound`. */
export function describeVpcAttribute(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const v = vpcById(r, ctx.params.required('VpcId'), true);
  const count = (pred: (x: { vpcId: string }) => boolean, coll: Record<string, { vpcId: string }>): number => Object.values(coll).filter(pred).length;
  const mine = (x: { vpcId: string }): boolean => x.vpcId === v.id;
  return {
    ...vpcCommon(v, r.data),
    ClassicLinkEnabled: false,
    SupportIpv4Gateway: false,
    Ipv4GatewayId: '',
    AssociatedCens: { AssociatedCen: [] },
    CloudResources: {
      CloudResourceSetType: [
        { ResourceType: 'VSwitch', ResourceCount: count(mine, r.data.vswitches) },
        { ResourceType: 'SecurityGroup', ResourceCount: count(mine, r.data.securityGroups) },
        { ResourceType: 'Instance', ResourceCount: count(mine, r.data.instances) },
      ],
    },
  };
}

/**
 * DeleteVpc: needs `Available` and no vSwitch, security group or instance (400
 * `DependencyViolation.VSwitch` / `.SecurityGroup` / `.Instance`); `Deleting` ~2 s, then gone.
 */
export function deleteVpc(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const v = vpcById(r, ctx.params.required('VpcId'), true);
  if (v.deleting) return {};
  if (v.status !== 'Available') throw new IncorrectVpcStatus(v.id, v.status);
  if (Object.values(r.data.vswitches).some((s) => s.vpcId === v.id)) throw new VpcDependencyViolation('VSwitch', v.id);
  if (Object.values(r.data.securityGroups).some((g) => g.vpcId === v.id)) throw new VpcDependencyViolation('SecurityGroup', v.id);
  if (Object.values(r.data.instances).some((i) => i.vpcId === v.id)) throw new VpcDependencyViolation('Instance', v.id);
  if (ctx.params.bool('DryRun')) throw new DryRunOperation();
  v.deleting = true;
  v.status = 'Deleting';
  v.lifecycle = startLifecycle(ctx.now, [['Deleting', DURATIONS.vpcDeleting]], null);
  return {};
}

/** ModifyVpcAttribute: `VpcName`, `Description`, and `CidrBlock` (must still contain every vSwitch). */
export function modifyVpcAttribute(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const p = ctx.params;
  const v = vpcById(r, p.required('VpcId'));
  const name = p.str('VpcName');
  if (name !== undefined && name !== '' && !validNetworkName(name)) throw new InvalidVpcNameMalformed();
  const description = p.str('Description');
  checkDescription(description, () => new InvalidVpcDiscriptionMalformed(), 1);
  const cidr = p.str('CidrBlock');
  if (cidr) {
    const c = vpcCidr(cidr);
    if (v.status !== 'Available') throw new IncorrectVpcStatus(v.id, v.status);
    for (const s of Object.values(r.data.vswitches)) {
      if (s.vpcId === v.id && !contains(c, parseCidr(s.cidrBlock)!)) throw new InvalidParameter('CidrBlock', `It must contain the CIDR block ${s.cidrBlock} of vSwitch ${s.id}.`);
    }
  }
  if (name) v.name = name;
  if (description !== undefined) v.description = description;
  if (cidr) v.cidrBlock = cidr;
  return {};
}
