import * as cdktf from 'cdktf';
import type { Construct } from 'constructs';
import { generated } from './meta.js';

/** The arguments of `alicloud_vswitch` that this example uses. */
export interface VswitchConfig extends cdktf.TerraformMetaArguments {
  readonly vpcId: string;
  readonly cidrBlock: string;
  readonly zoneId?: string;
  readonly vswitchName?: string;
  readonly description?: string;
  readonly tags?: { [key: string]: string };
}

/** `resource "alicloud_vswitch"`: a subnet of a VPC in one zone. */
export class Vswitch extends cdktf.TerraformResource {
  /** The resource type name. */
  public static readonly tfResourceType = 'alicloud_vswitch';
  private readonly _config: VswitchConfig;

  /** Declares the vswitch in `scope`. */
  constructor(scope: Construct, id: string, config: VswitchConfig) {
    super(scope, id, generated('alicloud_vswitch', config));
    this._config = config;
  }

  /** The vswitch ID (known after apply). */
  public get id(): string {
    return this.getStringAttribute('id');
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    const c = this._config;
    return {
      vpc_id: cdktf.stringToTerraform(c.vpcId),
      cidr_block: cdktf.stringToTerraform(c.cidrBlock),
      zone_id: cdktf.stringToTerraform(c.zoneId),
      vswitch_name: cdktf.stringToTerraform(c.vswitchName),
      description: cdktf.stringToTerraform(c.description),
      tags: cdktf.hashMapper(cdktf.stringToTerraform)(c.tags),
    };
  }
}
