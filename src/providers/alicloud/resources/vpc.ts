import { error, type Diagnostic } from '../../../diag/index.js';
import { ProviderError } from '../../errors.js';
import type { Attributes, OperationContext, PlanRequest, PlanResponse, ResourceHandler } from '../../types.js';
import { cidrContains, parseCidr, VPC_RANGES } from '../cidr.js';
import type { AlicloudClient } from '../client.js';
import { call, callIgnoringGone } from '../errors.js';
import { apiTags, configTags, tagList, tagsAttribute, updateVpcTags } from '../tags.js';
import { aliased, basePlan, checkAlias, checkTags, checkText, INVALID_VALUE, planAlias, str } from '../validate.js';
import { waitFor } from '../waiters.js';

const MINUTE = 60_000;
type Ctx = OperationContext<AlicloudClient>;

/** A VPC as DescribeVpcs returns it (the fields minitf uses). */
interface VpcInfo {
  readonly vpcId?: string;
  readonly vpcName?: string;
  readonly cidrBlock?: string;
  readonly description?: string;
  readonly status?: string;
  readonly VRouterId?: string;
  readonly routerTableIds?: { readonly routerTableIds?: readonly string[] };
  readonly tags?: { readonly tag?: readonly { key?: string; value?: string }[] };
}

/** Reads one VPC of the provider's region by ID; null when it is not listed. */
export async function describeVpc(ctx: Ctx, id: string): Promise<VpcInfo | null> {
  const api = await ctx.provider.vpc();
  const req = new api.sdk.DescribeVpcsRequest({ regionId: api.region, vpcId: id, pageSize: 50 });
  const resp = await callIgnoringGone(ctx, 'DescribeVpcs', () => api.client.describeVpcs(req), { gone: ['InvalidVpcId.NotFound', 'Forbidden.VpcNotFound'] });
  return (resp?.body?.vpcs?.vpc?.find((v) => v.vpcId === id) as VpcInfo | undefined) ?? null;
}

function state(v: VpcInfo, id: string, base: Attributes): Attributes {
  return {
    ...base,
    id,
    vpc_name: v.vpcName || null,
    name: v.vpcName || null,
    cidr_block: v.cidrBlock ?? null,
    description: v.description ? v.description : null,
    status: v.status ?? null,
    router_id: v.VRouterId ?? null,
    route_table_id: v.routerTableIds?.routerTableIds?.[0] ?? null,
    tags: tagsAttribute(apiTags(v.tags?.tag), base.tags),
  };
}

function keep(from: Attributes): Attributes {
  const out: Attributes = { enable_ipv6: typeof from.enable_ipv6 === 'boolean' ? from.enable_ipv6 : null };
  if ('timeouts' in from) out.timeouts = from.timeouts ?? null;
  return out;
}

async function waitAvailable(ctx: Ctx, id: string, operation: 'create' | 'update'): Promise<VpcInfo> {
  const v = await waitFor(ctx, {
    operation,
    subject: `VPC ${id}`,
    poll: () => describeVpc(ctx, id),
    status: (x) => x.status ?? 'unknown',
    target: ['Available'],
    pending: ['Pending', 'Creating', 'Modifying'],
  });
  return v!;
}

/**
 * `alicloud_vpc` (VPC API): create = CreateVpc with the engine's ClientToken, `recordPartial`, wait
 * until `Available`; read = DescribeVpcs by ID (router, route table and tags in one answer; not listed
 * → null); update = ModifyVpcAttribute (name, description, CIDR; waits for `Available`), then tags;
 * delete = DeleteVpc retried on dependency/status codes until the deadline, then wait until gone.
 */
export const vpc: ResourceHandler<AlicloudClient> = {
  type: 'alicloud_vpc',
  timeouts: { create: 10 * MINUTE, update: 5 * MINUTE, delete: 5 * MINUTE },

  validate(config: Attributes): Diagnostic[] {
    const out: Diagnostic[] = [];
    out.push(...checkText('vpc_name', config.vpc_name, 1, 128), ...checkText('name', config.name, 1, 128));
    out.push(...checkText('description', config.description, 1, 256), ...checkTags(config.tags));
    out.push(...checkAlias(config, 'vpc_name', 'name'));
    if (typeof config.cidr_block === 'string') {
      const c = parseCidr(config.cidr_block);
      if (!c) out.push(error(INVALID_VALUE, `"cidr_block" must be an IPv4 network in CIDR notation (got "${config.cidr_block}").`));
      else if (c.mask < 8 || c.mask > 28 || !VPC_RANGES.some((r) => cidrContains(r, c))) {
        out.push(error(INVALID_VALUE, `"cidr_block" must lie in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 with a mask of 8 to 28 bits (got "${config.cidr_block}").`));
      }
    }
    return out;
  },

  plan(req: PlanRequest): PlanResponse {
    const { planned, requiresReplace } = basePlan(req);
    planAlias(req, planned, 'vpc_name', 'name');
    return { planned, ...(requiresReplace ? { requiresReplace } : {}) };
  },

  async create(ctx, config) {
    const api = await ctx.provider.vpc();
    const name = aliased(config, 'vpc_name', 'name');
    const req = new api.sdk.CreateVpcRequest({
      regionId: api.region,
      clientToken: ctx.clientToken,
      ...(str(config, 'cidr_block') ? { cidrBlock: str(config, 'cidr_block') } : {}),
      ...(typeof name === 'string' ? { vpcName: name } : {}),
      ...(str(config, 'description') ? { description: str(config, 'description') } : {}),
      ...(config.enable_ipv6 === true ? { enableIpv6: true } : {}),
      tag: tagList(configTags(config.tags)),
    });
    const resp = await call(ctx, 'CreateVpc', () => api.client.createVpc(req));
    const id = resp.body?.vpcId;
    if (!id) throw new ProviderError('CreateVpc answered without a VpcId.', { apiCode: 'InvalidResponse', errorClass: 'fatal' });
    const base: Attributes = { id, ...keep(config), tags: config.tags ?? null };
    await ctx.recordPartial({ ...base, vpc_name: name ?? null, name: name ?? null, cidr_block: config.cidr_block ?? null, description: config.description ?? null });
    return state(await waitAvailable(ctx, id, 'create'), id, base);
  },

  async read(ctx, prior) {
    const id = prior.id as string;
    const v = await describeVpc(ctx, id);
    return v ? state(v, id, prior) : null;
  },

  async update(ctx, prior, config, changed) {
    const id = prior.id as string;
    const api = await ctx.provider.vpc();
    const name = aliased(config, 'vpc_name', 'name');
    const nameChanged = (changed.includes('vpc_name') || changed.includes('name')) && typeof name === 'string' && name !== prior.vpc_name;
    const desc = changed.includes('description') ? str(config, 'description') : undefined;
    const cidr = changed.includes('cidr_block') ? str(config, 'cidr_block') : undefined;
    if (nameChanged || desc !== undefined || cidr !== undefined) {
      const req = new api.sdk.ModifyVpcAttributeRequest({
        regionId: api.region,
        vpcId: id,
        ...(nameChanged ? { vpcName: name as string } : {}),
        ...(desc !== undefined ? { description: desc } : {}),
        ...(cidr !== undefined ? { cidrBlock: cidr } : {}),
      });
      await call(ctx, 'ModifyVpcAttribute', () => api.client.modifyVpcAttribute(req));
      await waitAvailable(ctx, id, 'update');
    }
    if (changed.includes('tags')) await updateVpcTags(ctx, 'VPC', id, configTags(prior.tags), configTags(config.tags));
    const v = await describeVpc(ctx, id);
    if (!v) throw new ProviderError(`VPC ${id} disappeared during the update.`, { apiCode: 'InvalidVpcId.NotFound', errorClass: 'fatal' });
    return state(v, id, { ...prior, ...keep(config), tags: config.tags ?? null });
  },

  async delete(ctx, prior) {
    const id = prior.id as string;
    const api = await ctx.provider.vpc();
    const req = new api.sdk.DeleteVpcRequest({ regionId: api.region, vpcId: id });
    const done = await callIgnoringGone(ctx, 'DeleteVpc', () => api.client.deleteVpc(req));
    if (done === undefined) return;
    await waitFor(ctx, {
      operation: 'delete',
      subject: `VPC ${id}`,
      poll: () => describeVpc(ctx, id),
      status: (x) => x.status ?? 'unknown',
      target: ['gone'],
      pending: ['Available', 'Pending', 'Deleting'],
    });
  },

  async import(ctx, id) {
    const v = await describeVpc(ctx, id);
    return v ? state(v, id, { tags: null }) : null;
  },
};
