import { ecsTags, oneOf, pageOf, regionOf, tokenPageOf, type CallContext } from '../api.js';
import { isoSeconds } from '../clock.js';
import { DryRunOperation } from '../errors.js';
import type { RegionData, SecurityGroupRecord } from '../model.js';
import { matchesTagFilters } from '../params.js';
import { checkDescription, validSecurityGroupName } from '../validate.js';
import { IncorrectVpcStatus, InvalidVpcIdNotFound } from '../vpc/errors.js';
import { DependencyViolation, InvalidSecurityGroupIdNotFound, InvalidSecurityGroupNameMalformed } from './errors.js';

function sgView(g: SecurityGroupRecord, data: RegionData): Record<string, unknown> {
  const count = Object.values(data.instances).filter((i) => i.securityGroupIds.includes(g.id)).length;
  return {
    SecurityGroupId: g.id,
    SecurityGroupName: g.name,
    Description: g.description,
    VpcId: g.vpcId,
    SecurityGroupType: g.type,
    CreationTime: isoSeconds(g.createdAt),
    ResourceGroupId: '',
    ServiceManaged: false,
    EcsCount: count,
    AvailableInstanceAmount: Math.max(0, 2000 - count),
    RuleCount: 0,
    GroupToGroupRuleCount: 0,
    Tags: ecsTags(g.tags),
  };
}

/** CreateSecurityGroup: synchronous; `VpcId` optional, but when given the VPC must be `Available`. */
export function createSecurityGroup(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const p = ctx.params;
  const vpcId = p.str('VpcId') || '';
  if (vpcId) {
    const vpc = r.data.vpcs[vpcId];
    if (!vpc || vpc.deleting) throw new InvalidVpcIdNotFound(vpcId);
    if (vpc.status !== 'Available') throw new IncorrectVpcStatus(vpcId, vpc.status);
  }
  const name = p.str('SecurityGroupName') ?? '';
  if (name !== '' && !validSecurityGroupName(name)) throw new InvalidSecurityGroupNameMalformed();
  const description = p.str('Description') ?? '';
  checkDescription(description);
  const type = oneOf('SecurityGroupType', p.str('SecurityGroupType') || 'normal', ['normal', 'enterprise']);
  const tags = p.tags();
  if (p.bool('DryRun')) throw new DryRunOperation();
  const id = ctx.store.newId('sg');
  r.data.securityGroups[id] = { id, regionId: r.info.id, vpcId, name, description, type, createdAt: ctx.now, tags };
  return { SecurityGroupId: id };
}

/**
 * DescribeSecurityGroups: filters `SecurityGroupId`, `SecurityGroupIds` (JSON array), `VpcId`,
 * `SecurityGroupName`, `SecurityGroupType`, `Tag.N`; PageNumber/PageSize (≤ 50) or NextToken/MaxResults.
 */
export function describeSecurityGroups(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const p = ctx.params;
  const one = p.str('SecurityGroupId');
  const ids = p.jsonList('SecurityGroupIds');
  const vpcId = p.str('VpcId');
  const name = p.str('SecurityGroupName');
  const type = p.str('SecurityGroupType');
  const tagFilters = p.objects('Tag');
  const items = Object.values(r.data.securityGroups)
    .filter((g) => (!one || g.id === one) && (!ids || ids.includes(g.id)) && (!vpcId || g.vpcId === vpcId) && (!name || g.name === name) && (!type || g.type === type) && matchesTagFilters(g.tags, tagFilters))
    .sort((a, b) => a.createdAt - b.createdAt);
  if (p.has('MaxResults') || p.has('NextToken')) {
    const page = tokenPageOf(ctx, items, 'MaxResults', 10, 100);
    return { RegionId: r.info.id, SecurityGroups: { SecurityGroup: page.items.map((g) => sgView(g, r.data)) }, NextToken: page.NextToken, TotalCount: items.length };
  }
  const page = pageOf(ctx, items, 10, 50);
  return { RegionId: r.info.id, SecurityGroups: { SecurityGroup: page.items.map((g) => sgView(g, r.data)) }, TotalCount: page.TotalCount, PageNumber: page.PageNumber, PageSize: page.PageSize, NextToken: '' };
}

/** DeleteSecurityGroup: immediate; 403 `DependencyViolation` while any instance (even one being released) lists it. */
export function deleteSecurityGroup(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const id = ctx.params.required('SecurityGroupId');
  if (!r.data.securityGroups[id]) throw new InvalidSecurityGroupIdNotFound(id);
  const user = Object.values(r.data.instances).find((i) => i.securityGroupIds.includes(id));
  if (user) throw new DependencyViolation(`The security group "${id}" is still used by instance "${user.id}".`);
  delete r.data.securityGroups[id];
  return {};
}

/** ModifySecurityGroupAttribute: `SecurityGroupName`, `Description`. */
export function modifySecurityGroupAttribute(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const p = ctx.params;
  const id = p.required('SecurityGroupId');
  const g = r.data.securityGroups[id];
  if (!g) throw new InvalidSecurityGroupIdNotFound(id);
  const name = p.str('SecurityGroupName');
  if (name !== undefined && name !== '' && !validSecurityGroupName(name)) throw new InvalidSecurityGroupNameMalformed();
  const description = p.str('Description');
  checkDescription(description);
  if (name) g.name = name;
  if (description !== undefined) g.description = description;
  return {};
}
