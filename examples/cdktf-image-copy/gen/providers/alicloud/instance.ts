import * as cdktf from 'cdktf';
import type { Construct } from 'constructs';
import { generated } from './meta.js';

/** The arguments of `alicloud_instance` that this example uses. */
export interface InstanceConfig extends cdktf.TerraformMetaArguments {
  readonly imageId: string;
  readonly instanceType: string;
  readonly availabilityZone?: string;
  readonly vswitchId?: string;
  readonly securityGroups?: string[];
  readonly instanceName?: string;
  readonly description?: string;
  readonly internetMaxBandwidthOut?: number;
  readonly systemDiskCategory?: string;
  readonly tags?: { [key: string]: string };
}

/** `resource "alicloud_instance"`: an ECS instance. */
export class Instance extends cdktf.TerraformResource {
  /** The resource type name. */
  public static readonly tfResourceType = 'alicloud_instance';
  private readonly _config: InstanceConfig;

  /** Declares the instance in `scope`. */
  constructor(scope: Construct, id: string, config: InstanceConfig) {
    super(scope, id, generated('alicloud_instance', config));
    this._config = config;
  }

  /** The instance ID (known after apply). */
  public get id(): string {
    return this.getStringAttribute('id');
  }

  /** The instance's private IP address (known after apply). */
  public get privateIp(): string {
    return this.getStringAttribute('private_ip');
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    const c = this._config;
    return {
      image_id: cdktf.stringToTerraform(c.imageId),
      instance_type: cdktf.stringToTerraform(c.instanceType),
      availability_zone: cdktf.stringToTerraform(c.availabilityZone),
      vswitch_id: cdktf.stringToTerraform(c.vswitchId),
      security_groups: cdktf.listMapper(cdktf.stringToTerraform, false)(c.securityGroups),
      instance_name: cdktf.stringToTerraform(c.instanceName),
      description: cdktf.stringToTerraform(c.description),
      internet_max_bandwidth_out: cdktf.numberToTerraform(c.internetMaxBandwidthOut),
      system_disk_category: cdktf.stringToTerraform(c.systemDiskCategory),
      tags: cdktf.hashMapper(cdktf.stringToTerraform)(c.tags),
    };
  }
}
