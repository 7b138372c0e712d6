import { error, type Diagnostic } from '../../../diag/index.js';
import { ProviderError } from '../../errors.js';
import type { Attributes, OperationContext, PlanRequest, PlanResponse, ResourceHandler } from '../../types.js';
import type { AlicloudClient } from '../client.js';
import { call, callIgnoringGone } from '../errors.js';
import { apiTags, configTags, tagList, tagsAttribute, updateEcsTags } from '../tags.js';
import { adoptAfterImport, basePlan, checkTags, checkText, INVALID_VALUE, num, str } from '../validate.js';
import { waitFor } from '../waiters.js';

const MINUTE = 60_000;
type Ctx = OperationContext<AlicloudClient>;

/** An instance as DescribeInstances returns it (the fields minitf uses). */
interface InstanceInfo {
  readonly instanceId?: string;
  readonly instanceName?: string;
  readonly instanceType?: string;
  readonly imageId?: string;
  readonly zoneId?: string;
  readonly status?: string;
  readonly description?: string;
  readonly internetMaxBandwidthOut?: number;
  readonly securityGroupIds?: { readonly securityGroupId?: readonly string[] };
  readonly publicIpAddress?: { readonly ipAddress?: readonly string[] };
  readonly vpcAttributes?: { readonly vpcId?: string; readonly vSwitchId?: string; readonly privateIpAddress?: { readonly ipAddress?: readonly string[] } };
  readonly tags?: { readonly tag?: readonly { tagKey?: string; tagValue?: string }[] };
}

/** ForceNew arguments DescribeInstances does not report; adopted from configuration after import. */
const ADOPTED_AFTER_IMPORT = ['system_disk_category'] as const;

/** The schema's default system disk category (also sent when the configuration leaves it unset). */
const DEFAULT_DISK = 'cloud_efficiency';

/** Reads one instance of the provider's region (`InstanceIds` is a JSON array in a string); null when not listed. */
export async function describeInstance(ctx: Ctx, id: string): Promise<InstanceInfo | null> {
  const api = await ctx.provider.ecs();
  const req = new api.sdk.DescribeInstancesRequest({ regionId: api.region, instanceIds: JSON.stringify([id]), pageSize: 10 });
  const resp = await callIgnoringGone(ctx, 'DescribeInstances', () => api.client.describeInstances(req));
  return (resp?.body?.instances?.instance?.find((i) => i.instanceId === id) as InstanceInfo | undefined) ?? null;
}

function state(i: InstanceInfo, id: string, base: Attributes): Attributes {
  return {
    ...base,
    id,
    image_id: i.imageId ?? null,
    instance_type: i.instanceType ?? null,
    availability_zone: i.zoneId ?? null,
    security_groups: [...(i.securityGroupIds?.securityGroupId ?? [])],
    vswitch_id: i.vpcAttributes?.vSwitchId || null,
    instance_name: i.instanceName || null,
    description: i.description ? i.description : null,
    // 0 is the API's "none": an unset argument stays unset rather than showing a diff to 0.
    internet_max_bandwidth_out: !i.internetMaxBandwidthOut && base.internet_max_bandwidth_out == null ? null : (i.internetMaxBandwidthOut ?? 0),
    status: i.status ?? null,
    public_ip: i.publicIpAddress?.ipAddress?.[0] ?? null,
    private_ip: i.vpcAttributes?.privateIpAddress?.ipAddress?.[0] ?? null,
    vpc_id: i.vpcAttributes?.vpcId || null,
    tags: tagsAttribute(apiTags(i.tags?.tag), base.tags),
  };
}

function keep(from: Attributes): Attributes {
  const out: Attributes = { system_disk_category: from.system_disk_category ?? DEFAULT_DISK };
  if ('timeouts' in from) out.timeouts = from.timeouts ?? null;
  return out;
}

async function waitStatus(ctx: Ctx, id: string, operation: 'create' | 'update', target: string): Promise<InstanceInfo> {
  const pending = target === 'Running' ? ['Pending', 'Starting', 'Stopped'] : ['Running', 'Stopping', 'Pending', 'Starting'];
  const i = await waitFor(ctx, {
    operation,
    subject: `instance ${id}`,
    poll: () => describeInstance(ctx, id),
    status: (x) => x.status ?? 'unknown',
    target: [target],
    pending,
  });
  return i!;
}

/** Stops or starts the instance and waits for the new status. */
async function setPower(ctx: Ctx, id: string, want: 'Running' | 'Stopped', operation: 'create' | 'update'): Promise<InstanceInfo> {
  const api = await ctx.provider.ecs();
  if (want === 'Stopped') {
    const req = new api.sdk.StopInstanceRequest({ instanceId: id });
    await call(ctx, 'StopInstance', () => api.client.stopInstance(req));
  } else {
    const req = new api.sdk.StartInstanceRequest({ instanceId: id });
    await call(ctx, 'StartInstance', () => api.client.startInstance(req));
  }
  return waitStatus(ctx, id, operation, want);
}

function securityGroups(config: Attributes): string[] {
  const v = config.security_groups;
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

/**
 * `alicloud_instance` (core arguments): create = RunInstances (ClientToken from the engine, one
 * instance), `recordPartial`, wait for `Running`; read = DescribeInstances by ID (not listed → null);
 * update = ModifyInstanceAttribute (name, description, security groups), tags, ModifyInstanceSpec
 * (stop, resize, start) for `instance_type`, ModifyInstanceNetworkSpec for the bandwidth; delete =
 * DeleteInstance with Force (stops it if needed), retried while it initialises, then wait until gone.
 */
export const instance: ResourceHandler<AlicloudClient> = {
  type: 'alicloud_instance',
  timeouts: { create: 10 * MINUTE, update: 10 * MINUTE, delete: 20 * MINUTE },

  validate(config: Attributes): Diagnostic[] {
    const out: Diagnostic[] = [...checkText('instance_name', config.instance_name, 2, 128), ...checkText('description', config.description, 2, 256), ...checkTags(config.tags)];
    const bw = config.internet_max_bandwidth_out;
    if (typeof bw === 'number' && (!Number.isInteger(bw) || bw < 0 || bw > 100)) out.push(error(INVALID_VALUE, `"internet_max_bandwidth_out" must be a whole number from 0 to 100 (got ${bw}).`));
    if (typeof config.status === 'string' && !['Running', 'Stopped'].includes(config.status)) {
      out.push(error(INVALID_VALUE, `"status" must be Running or Stopped (got "${config.status}").`));
    }
    if (typeof config.instance_type === 'string' && !config.instance_type.startsWith('ecs.')) {
      out.push(error(INVALID_VALUE, `"instance_type" must start with "ecs." (got "${config.instance_type}").`));
    }
    return out;
  },

  plan(req: PlanRequest): PlanResponse {
    const { planned } = basePlan(req);
    return { planned, requiresReplace: adoptAfterImport(req, ADOPTED_AFTER_IMPORT) };
  },

  async create(ctx, config) {
    const api = await ctx.provider.ecs();
    const bw = num(config, 'internet_max_bandwidth_out');
    const disk = str(config, 'system_disk_category') ?? DEFAULT_DISK;
    const req = new api.sdk.RunInstancesRequest({
      regionId: api.region,
      clientToken: ctx.clientToken,
      amount: 1,
      imageId: str(config, 'image_id'),
      instanceType: str(config, 'instance_type'),
      ...(str(config, 'availability_zone') ? { zoneId: str(config, 'availability_zone') } : {}),
      ...(str(config, 'vswitch_id') ? { vSwitchId: str(config, 'vswitch_id') } : {}),
      securityGroupIds: securityGroups(config),
      ...(str(config, 'instance_name') ? { instanceName: str(config, 'instance_name') } : {}),
      ...(str(config, 'description') ? { description: str(config, 'description') } : {}),
      ...(bw !== undefined ? { internetMaxBandwidthOut: bw } : {}),
      systemDisk: new api.sdk.RunInstancesRequestSystemDisk({ category: disk }),
      tag: tagList(configTags(config.tags)),
    });
    const resp = await call(ctx, 'RunInstances', () => api.client.runInstances(req));
    const id = resp.body?.instanceIdSets?.instanceIdSet?.[0];
    if (!id) throw new ProviderError('RunInstances answered without an instance ID.', { apiCode: 'InvalidResponse', errorClass: 'fatal' });
    const base: Attributes = { id, ...keep(config), tags: config.tags ?? null };
    await ctx.recordPartial({ ...base, image_id: config.image_id ?? null, instance_type: config.instance_type ?? null, vswitch_id: config.vswitch_id ?? null, security_groups: securityGroups(config) });
    let running = await waitStatus(ctx, id, 'create', 'Running');
    if (str(config, 'status') === 'Stopped') running = await setPower(ctx, id, 'Stopped', 'create');
    return state(running, id, base);
  },

  async read(ctx, prior) {
    const id = prior.id as string;
    const i = await describeInstance(ctx, id);
    return i ? state(i, id, prior) : null;
  },

  async update(ctx, prior, config, changed) {
    const id = prior.id as string;
    const api = await ctx.provider.ecs();
    if (changed.includes('tags')) await updateEcsTags(ctx, 'instance', id, configTags(prior.tags), configTags(config.tags));
    const attr: Record<string, unknown> = {};
    if (changed.includes('instance_name') && str(config, 'instance_name')) attr.instanceName = str(config, 'instance_name');
    if (changed.includes('description') && str(config, 'description')) attr.description = str(config, 'description');
    if (changed.includes('security_groups')) attr.securityGroupIds = securityGroups(config);
    if (Object.keys(attr).length > 0) {
      const req = new api.sdk.ModifyInstanceAttributeRequest({ instanceId: id, ...attr });
      await call(ctx, 'ModifyInstanceAttribute', () => api.client.modifyInstanceAttribute(req));
    }
    const bw = num(config, 'internet_max_bandwidth_out');
    if (changed.includes('internet_max_bandwidth_out') && bw !== undefined) {
      const req = new api.sdk.ModifyInstanceNetworkSpecRequest({ instanceId: id, internetMaxBandwidthOut: bw });
      await call(ctx, 'ModifyInstanceNetworkSpec', () => api.client.modifyInstanceNetworkSpec(req));
    }
    const type = str(config, 'instance_type');
    const wantStatus = str(config, 'status') === 'Stopped' ? 'Stopped' : 'Running';
    if (changed.includes('instance_type') && type) {
      if (prior.status !== 'Stopped') await setPower(ctx, id, 'Stopped', 'update');
      const spec = new api.sdk.ModifyInstanceSpecRequest({ instanceId: id, instanceType: type });
      await call(ctx, 'ModifyInstanceSpec', () => api.client.modifyInstanceSpec(spec));
      if (wantStatus === 'Running') await setPower(ctx, id, 'Running', 'update');
    } else if (changed.includes('status') && prior.status !== wantStatus) {
      await setPower(ctx, id, wantStatus, 'update');
    }
    const i = await describeInstance(ctx, id);
    if (!i) throw new ProviderError(`instance ${id} disappeared during the update.`, { apiCode: 'InvalidInstanceId.NotFound', errorClass: 'fatal' });
    return state(i, id, { ...prior, ...keep(config), tags: config.tags ?? null });
  },

  async delete(ctx, prior) {
    const id = prior.id as string;
    const api = await ctx.provider.ecs();
    const req = new api.sdk.DeleteInstanceRequest({ instanceId: id, force: true });
    const done = await callIgnoringGone(ctx, 'DeleteInstance', () => api.client.deleteInstance(req));
    if (done === undefined) return;
    await waitFor(ctx, {
      operation: 'delete',
      subject: `instance ${id}`,
      poll: () => describeInstance(ctx, id),
      status: (x) => x.status ?? 'unknown',
      target: ['gone'],
      pending: ['Running', 'Stopping', 'Stopped', 'Pending', 'Starting', 'Deleting'],
    });
  },

  async import(ctx, id) {
    const i = await describeInstance(ctx, id);
    return i ? state(i, id, { system_disk_category: null, tags: null }) : null;
  },
};
