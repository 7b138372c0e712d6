import { error, type Diagnostic } from '../../../diag/index.js';
import { ProviderError } from '../../errors.js';
import type { Attributes, OperationContext, PlanRequest, PlanResponse, ResourceHandler } from '../../types.js';
import { parseCidr } from '../cidr.js';
import type { AlicloudClient } from '../client.js';
import { call, callIgnoringGone } from '../errors.js';
import { apiTags, configTags, tagList, tagsAttribute, updateVpcTags } from '../tags.js';
import { aliased, basePlan, checkAlias, checkTags, checkText, INVALID_VALUE, planAlias, str } from '../validate.js';
import { waitFor } from '../waiters.js';

const MINUTE = 60_000;
type Ctx = OperationContext<AlicloudClient>;

/** A vSwitch as DescribeVSwitchAttributes returns it (the fields minitf uses). */
interface VSwitchInfo {
  readonly vSwitchId?: string;
  readonly vSwitchName?: string;
  readonly vpcId?: string;
  readonly cidrBlock?: string;
  readonly zoneId?: string;
  readonly description?: string;
  readonly status?: string;
  readonly tags?: { readonly tag?: readonly { key?: string; value?: string }[] };
}

/** Reads one vSwitch of the provider's region; null when the API does not know it. */
export async function describeVSwitch(ctx: Ctx, id: string): Promise<VSwitchInfo | null> {
  const api = await ctx.provider.vpc();
  const req = new api.sdk.DescribeVSwitchAttributesRequest({ regionId: api.region, vSwitchId: id });
  const resp = await callIgnoringGone(ctx, 'DescribeVSwitchAttributes', () => api.client.describeVSwitchAttributes(req));
  const body = resp?.body as VSwitchInfo | undefined;
  return body && body.vSwitchId ? body : null;
}

function state(v: VSwitchInfo, id: string, base: Attributes): Attributes {
  return {
    ...base,
    id,
    vpc_id: v.vpcId ?? null,
    cidr_block: v.cidrBlock ?? null,
    zone_id: v.zoneId ?? null,
    availability_zone: v.zoneId ?? null,
    vswitch_name: v.vSwitchName || null,
    name: v.vSwitchName || null,
    description: v.description ? v.description : null,
    status: v.status ?? null,
    tags: tagsAttribute(apiTags(v.tags?.tag), base.tags),
  };
}

function keep(from: Attributes): Attributes {
  return 'timeouts' in from ? { timeouts: from.timeouts ?? null } : {};
}

async function waitAvailable(ctx: Ctx, id: string, operation: 'create' | 'update'): Promise<VSwitchInfo> {
  const v = await waitFor(ctx, {
    operation,
    subject: `vSwitch ${id}`,
    poll: () => describeVSwitch(ctx, id),
    status: (x) => x.status ?? 'unknown',
    target: ['Available'],
    pending: ['Pending', 'Creating'],
  });
  return v!;
}

function handler(type: string): ResourceHandler<AlicloudClient> {
  return {
    type,
    timeouts: { create: 5 * MINUTE, update: 5 * MINUTE, delete: 10 * MINUTE },

    validate(config: Attributes): Diagnostic[] {
      const out: Diagnostic[] = [];
      out.push(...checkText('vswitch_name', config.vswitch_name, 1, 128), ...checkText('name', config.name, 1, 128));
      out.push(...checkText('description', config.description, 1, 256), ...checkTags(config.tags));
      out.push(...checkAlias(config, 'vswitch_name', 'name'), ...checkAlias(config, 'zone_id', 'availability_zone'));
      if (typeof config.cidr_block === 'string') {
        const c = parseCidr(config.cidr_block);
        if (!c || c.mask < 16 || c.mask > 29) {
          out.push(error(INVALID_VALUE, `"cidr_block" must be an IPv4 network with a mask of 16 to 29 bits inside the VPC's block (got "${config.cidr_block}").`));
        }
      }
      if (config.zone_id == null && config.availability_zone == null) {
        out.push(error('Missing required argument', 'A vSwitch needs "zone_id" (or the deprecated "availability_zone").'));
      }
      return out;
    },

    plan(req: PlanRequest): PlanResponse {
      const { planned, requiresReplace } = basePlan(req);
      planAlias(req, planned, 'vswitch_name', 'name');
      planAlias(req, planned, 'zone_id', 'availability_zone');
      return { planned, ...(requiresReplace ? { requiresReplace } : {}) };
    },

    async create(ctx, config) {
      const api = await ctx.provider.vpc();
      const name = aliased(config, 'vswitch_name', 'name');
      const zone = aliased(config, 'zone_id', 'availability_zone');
      const req = new api.sdk.CreateVSwitchRequest({
        regionId: api.region,
        clientToken: ctx.clientToken,
        vpcId: str(config, 'vpc_id'),
        cidrBlock: str(config, 'cidr_block'),
        zoneId: typeof zone === 'string' ? zone : undefined,
        ...(typeof name === 'string' ? { vSwitchName: name } : {}),
        ...(str(config, 'description') ? { description: str(config, 'description') } : {}),
        tag: tagList(configTags(config.tags)),
      });
      const resp = await call(ctx, 'CreateVSwitch', () => api.client.createVSwitch(req));
      const id = resp.body?.vSwitchId;
      if (!id) throw new ProviderError('CreateVSwitch answered without a VSwitchId.', { apiCode: 'InvalidResponse', errorClass: 'fatal' });
      const base: Attributes = { id, ...keep(config), tags: config.tags ?? null };
      await ctx.recordPartial({ ...base, vpc_id: config.vpc_id ?? null, cidr_block: config.cidr_block ?? null, zone_id: zone, availability_zone: zone, vswitch_name: name, name, description: config.description ?? null });
      return state(await waitAvailable(ctx, id, 'create'), id, base);
    },

    async read(ctx, prior) {
      const id = prior.id as string;
      const v = await describeVSwitch(ctx, id);
      return v ? state(v, id, prior) : null;
    },

    async update(ctx, prior, config, changed) {
      const id = prior.id as string;
      const api = await ctx.provider.vpc();
      const name = aliased(config, 'vswitch_name', 'name');
      const nameChanged = (changed.includes('vswitch_name') || changed.includes('name')) && typeof name === 'string' && name !== prior.vswitch_name;
      const desc = changed.includes('description') ? str(config, 'description') : undefined;
      if (nameChanged || desc !== undefined) {
        const req = new api.sdk.ModifyVSwitchAttributeRequest({
          regionId: api.region,
          vSwitchId: id,
          ...(nameChanged ? { vSwitchName: name as string } : {}),
          ...(desc !== undefined ? { description: desc } : {}),
        });
        await call(ctx, 'ModifyVSwitchAttribute', () => api.client.modifyVSwitchAttribute(req));
        await waitAvailable(ctx, id, 'update');
      }
      if (changed.includes('tags')) await updateVpcTags(ctx, 'VSWITCH', id, configTags(prior.tags), configTags(config.tags));
      const v = await describeVSwitch(ctx, id);
      if (!v) throw new ProviderError(`vSwitch ${id} disappeared during the update.`, { apiCode: 'InvalidVSwitchId.NotFound', errorClass: 'fatal' });
      return state(v, id, { ...prior, ...keep(config), tags: config.tags ?? null });
    },

    async delete(ctx, prior) {
      const id = prior.id as string;
      const api = await ctx.provider.vpc();
      const req = new api.sdk.DeleteVSwitchRequest({ regionId: api.region, vSwitchId: id });
      const done = await callIgnoringGone(ctx, 'DeleteVSwitch', () => api.client.deleteVSwitch(req));
      if (done === undefined) return;
      await waitFor(ctx, {
        operation: 'delete',
        subject: `vSwitch ${id}`,
        poll: () => describeVSwitch(ctx, id),
        status: (x) => x.status ?? 'unknown',
        target: ['gone'],
        pending: ['Available', 'Pending', 'Deleting'],
      });
    },

    async import(ctx, id) {
      const v = await describeVSwitch(ctx, id);
      return v ? state(v, id, { tags: null }) : null;
    },
  };
}

/**
 * `alicloud_vswitch` (VPC API): create = CreateVSwitch with the engine's ClientToken (one token for
 * all retries of `IncorrectVpcStatus` and friends), `recordPartial`, wait `Available`; read =
 * DescribeVSwitchAttributes (empty answer or `InvalidVSwitchId.NotFound` → null); update =
 * ModifyVSwitchAttribute, tags; delete = DeleteVSwitch retried while resources inside are released,
 * then wait until gone.
 */
export const vswitch = handler('alicloud_vswitch');

/** `alicloud_subnet`: the same handler under its older name. */
export const subnet = handler('alicloud_subnet');
