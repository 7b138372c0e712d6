import * as cdktf from 'cdktf';
import type { Construct } from 'constructs';
import { generated } from './meta.js';

/** The arguments of `alicloud_security_group` that this example uses. */
export interface SecurityGroupConfig extends cdktf.TerraformMetaArguments {
  /** The group's name (deprecated in the provider in favour of `securityGroupName`, as in the seed). */
  readonly name?: string;
  readonly securityGroupName?: string;
  readonly vpcId?: string;
  readonly description?: string;
  readonly tags?: { [key: string]: string };
}

/** `resource "alicloud_security_group"`: a security group in a VPC. */
export class SecurityGroup extends cdktf.TerraformResource {
  /** The resource type name. */
  public static readonly tfResourceType = 'alicloud_security_group';
  private readonly _config: SecurityGroupConfig;

  /** Declares the security group in `scope`. */
  constructor(scope: Construct, id: string, config: SecurityGroupConfig = {}) {
    super(scope, id, generated('alicloud_security_group', config));
    this._config = config;
  }

  /** The security group ID (known after apply). */
  public get id(): string {
    return this.getStringAttribute('id');
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    const c = this._config;
    return {
      name: cdktf.stringToTerraform(c.name),
      security_group_name: cdktf.stringToTerraform(c.securityGroupName),
      vpc_id: cdktf.stringToTerraform(c.vpcId),
      description: cdktf.stringToTerraform(c.description),
      tags: cdktf.hashMapper(cdktf.stringToTerraform)(c.tags),
    };
  }
}
