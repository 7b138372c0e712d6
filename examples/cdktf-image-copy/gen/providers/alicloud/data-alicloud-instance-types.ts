import * as cdktf from 'cdktf';
import type { Construct } from 'constructs';
import { generated } from './meta.js';

/** The arguments of `data "alicloud_instance_types"` that this example uses. */
export interface DataAlicloudInstanceTypesConfig extends cdktf.TerraformMetaArguments {
  readonly availabilityZone?: string;
  readonly instanceTypeFamily?: string;
  readonly cpuCoreCount?: number;
  readonly memorySize?: number;
}

/** `data "alicloud_instance_types"`: the instance types on offer, filtered. */
export class DataAlicloudInstanceTypes extends cdktf.TerraformDataSource {
  /** The data source type name. */
  public static readonly tfResourceType = 'alicloud_instance_types';
  private readonly _config: DataAlicloudInstanceTypesConfig;

  /** Declares the data source in `scope`. */
  constructor(scope: Construct, id: string, config: DataAlicloudInstanceTypesConfig = {}) {
    super(scope, id, generated('alicloud_instance_types', config));
    this._config = config;
  }

  /** The IDs of the matching instance types, such as `ecs.sn1ne.large`. */
  public get ids(): string[] {
    return this.getListAttribute('ids');
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    const c = this._config;
    return {
      availability_zone: cdktf.stringToTerraform(c.availabilityZone),
      instance_type_family: cdktf.stringToTerraform(c.instanceTypeFamily),
      cpu_core_count: cdktf.numberToTerraform(c.cpuCoreCount),
      memory_size: cdktf.numberToTerraform(c.memorySize),
    };
  }
}
