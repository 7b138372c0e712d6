import { error, type Diagnostic } from '../../../diag/index.js';
import { ProviderError } from '../../errors.js';
import type { Attributes, OperationContext, PlanRequest, PlanResponse, ResourceHandler } from '../../types.js';
import type { AlicloudClient } from '../client.js';
import { call, callIgnoringGone } from '../errors.js';
import { apiTags, configTags, tagList, tagsAttribute, updateEcsTags } from '../tags.js';
import { aliased, basePlan, checkAlias, checkSecurityGroupName, checkTags, checkText, INVALID_VALUE, planAlias, str } from '../validate.js';

const MINUTE = 60_000;
type Ctx = OperationContext<AlicloudClient>;

/** A security group as DescribeSecurityGroups returns it (the fields minitf uses). */
interface GroupInfo {
  readonly securityGroupId?: string;
  readonly securityGroupName?: string;
  readonly securityGroupType?: string;
  readonly description?: string;
  readonly vpcId?: string;
  readonly creationTime?: string;
  readonly tags?: { readonly tag?: readonly { tagKey?: string; tagValue?: string }[] };
}

/** Reads one security group of the provider's region; null when it is not listed. */
export async function describeSecurityGroup(ctx: Ctx, id: string): Promise<GroupInfo | null> {
  const api = await ctx.provider.ecs();
  const req = new api.sdk.DescribeSecurityGroupsRequest({ regionId: api.region, securityGroupId: id, pageSize: 50 });
  const resp = await callIgnoringGone(ctx, 'DescribeSecurityGroups', () => api.client.describeSecurityGroups(req));
  return (resp?.body?.securityGroups?.securityGroup?.find((g) => g.securityGroupId === id) as GroupInfo | undefined) ?? null;
}

function state(g: GroupInfo, id: string, base: Attributes): Attributes {
  return {
    ...base,
    id,
    security_group_name: g.securityGroupName || null,
    name: g.securityGroupName || null,
    vpc_id: g.vpcId || null,
    description: g.description ? g.description : null,
    security_group_type: g.securityGroupType ?? 'normal',
    create_time: g.creationTime ?? null,
    tags: tagsAttribute(apiTags(g.tags?.tag), base.tags),
  };
}

function keep(from: Attributes): Attributes {
  return 'timeouts' in from ? { timeouts: from.timeouts ?? null } : {};
}

/**
 * `alicloud_security_group`: create = CreateSecurityGroup with the engine's ClientToken (synchronous;
 * `IncorrectVpcStatus` retried until the deadline); read = DescribeSecurityGroups by ID (not listed →
 * null); update = ModifySecurityGroupAttribute (name, description), tags; delete =
 * DeleteSecurityGroup retried on `DependencyViolation` (instances are released asynchronously).
 */
export const securityGroup: ResourceHandler<AlicloudClient> = {
  type: 'alicloud_security_group',
  timeouts: { create: 5 * MINUTE, update: 5 * MINUTE, delete: 10 * MINUTE },

  validate(config: Attributes): Diagnostic[] {
    const out: Diagnostic[] = [];
    out.push(...checkSecurityGroupName('security_group_name', config.security_group_name), ...checkSecurityGroupName('name', config.name));
    out.push(...checkText('description', config.description, 2, 256), ...checkTags(config.tags));
    out.push(...checkAlias(config, 'security_group_name', 'name'));
    if (typeof config.security_group_type === 'string' && !['normal', 'enterprise'].includes(config.security_group_type)) {
      out.push(error(INVALID_VALUE, `"security_group_type" must be normal or enterprise (got "${config.security_group_type}").`));
    }
    return out;
  },

  plan(req: PlanRequest): PlanResponse {
    const { planned, requiresReplace } = basePlan(req);
    planAlias(req, planned, 'security_group_name', 'name');
    return { planned, ...(requiresReplace ? { requiresReplace } : {}) };
  },

  async create(ctx, config) {
    const api = await ctx.provider.ecs();
    const name = aliased(config, 'security_group_name', 'name');
    const req = new api.sdk.CreateSecurityGroupRequest({
      regionId: api.region,
      clientToken: ctx.clientToken,
      ...(str(config, 'vpc_id') ? { vpcId: str(config, 'vpc_id') } : {}),
      ...(typeof name === 'string' ? { securityGroupName: name } : {}),
      ...(str(config, 'description') ? { description: str(config, 'description') } : {}),
      ...(str(config, 'security_group_type') ? { securityGroupType: str(config, 'security_group_type') } : {}),
      tag: tagList(configTags(config.tags)),
    });
    const resp = await call(ctx, 'CreateSecurityGroup', () => api.client.createSecurityGroup(req));
    const id = resp.body?.securityGroupId;
    if (!id) throw new ProviderError('CreateSecurityGroup answered without a SecurityGroupId.', { apiCode: 'InvalidResponse', errorClass: 'fatal' });
    const base: Attributes = { id, ...keep(config), tags: config.tags ?? null };
    await ctx.recordPartial({ ...base, security_group_name: name, name, vpc_id: config.vpc_id ?? null, description: config.description ?? null });
    const g = await describeSecurityGroup(ctx, id);
    if (!g) throw new ProviderError(`security group ${id} is not listed right after its creation.`, { apiCode: 'InvalidSecurityGroupId.NotFound', errorClass: 'fatal' });
    return state(g, id, base);
  },

  async read(ctx, prior) {
    const id = prior.id as string;
    const g = await describeSecurityGroup(ctx, id);
    return g ? state(g, id, prior) : null;
  },

  async update(ctx, prior, config, changed) {
    const id = prior.id as string;
    const api = await ctx.provider.ecs();
    if (changed.includes('tags')) await updateEcsTags(ctx, 'securitygroup', id, configTags(prior.tags), configTags(config.tags));
    const name = aliased(config, 'security_group_name', 'name');
    const nameChanged = (changed.includes('security_group_name') || changed.includes('name')) && typeof name === 'string' && name !== prior.security_group_name;
    const desc = changed.includes('description') ? str(config, 'description') : undefined;
    if (nameChanged || desc !== undefined) {
      const req = new api.sdk.ModifySecurityGroupAttributeRequest({
        regionId: api.region,
        securityGroupId: id,
        ...(nameChanged ? { securityGroupName: name as string } : {}),
        ...(desc !== undefined ? { description: desc } : {}),
      });
      await call(ctx, 'ModifySecurityGroupAttribute', () => api.client.modifySecurityGroupAttribute(req));
    }
    const g = await describeSecurityGroup(ctx, id);
    if (!g) throw new ProviderError(`security group ${id} disappeared during the update.`, { apiCode: 'InvalidSecurityGroupId.NotFound', errorClass: 'fatal' });
    return state(g, id, { ...prior, ...keep(config), tags: config.tags ?? null });
  },

  async delete(ctx, prior) {
    const api = await ctx.provider.ecs();
    const req = new api.sdk.DeleteSecurityGroupRequest({ regionId: api.region, securityGroupId: prior.id as string });
    await callIgnoringGone(ctx, 'DeleteSecurityGroup', () => api.client.deleteSecurityGroup(req));
  },

  async import(ctx, id) {
    const g = await describeSecurityGroup(ctx, id);
    return g ? state(g, id, { tags: null }) : null;
  },
};
