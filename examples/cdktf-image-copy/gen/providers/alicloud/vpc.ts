import * as cdktf from 'cdktf';
import type { Construct } from 'constructs';
import { generated } from './meta.js';

/** The arguments of `alicloud_vpc` that this example uses. */
export interface VpcConfig extends cdktf.TerraformMetaArguments {
  readonly cidrBlock?: string;
  readonly vpcName?: string;
  readonly description?: string;
  readonly tags?: { [key: string]: string };
}

/** `resource "alicloud_vpc"`: a virtual private cloud. */
export class Vpc extends cdktf.TerraformResource {
  /** The resource type name. */
  public static readonly tfResourceType = 'alicloud_vpc';
  private readonly _config: VpcConfig;

  /** Declares the VPC in `scope`. */
  constructor(scope: Construct, id: string, config: VpcConfig = {}) {
    super(scope, id, generated('alicloud_vpc', config));
    this._config = config;
  }

  /** The VPC ID (known after apply). */
  public get id(): string {
    return this.getStringAttribute('id');
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    const c = this._config;
    return {
      cidr_block: cdktf.stringToTerraform(c.cidrBlock),
      vpc_name: cdktf.stringToTerraform(c.vpcName),
      description: cdktf.stringToTerraform(c.description),
      tags: cdktf.hashMapper(cdktf.stringToTerraform)(c.tags),
    };
  }
}
