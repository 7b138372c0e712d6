import * as cdktf from 'cdktf';
import type { Construct } from 'constructs';
import { generated } from './meta.js';

/** The arguments of `data "alicloud_zones"` that this example uses. */
export interface DataAlicloudZonesConfig extends cdktf.TerraformMetaArguments {
  readonly availableResourceCreation?: string;
  readonly availableInstanceType?: string;
  readonly availableDiskCategory?: string;
  readonly multi?: boolean | cdktf.IResolvable;
}

/** One element of the `zones` attribute. */
export class DataAlicloudZonesZonesOutputReference extends cdktf.ComplexObject {
  /** Builds a reference to `zones[index]`. */
  constructor(parent: cdktf.IInterpolatingParent, attribute: string, index: number, fromSet: boolean) {
    super(parent, attribute, fromSet, index);
  }

  /** The zone ID, such as `cn-hangzhou-h`. */
  public get id(): string {
    return this.getStringAttribute('id');
  }

  /** The zone's local name. */
  public get localName(): string {
    return this.getStringAttribute('local_name');
  }
}

/** The `zones` attribute: a list of objects. */
export class DataAlicloudZonesZonesList extends cdktf.ComplexList {
  /** Builds a reference to the whole list. */
  constructor(parent: cdktf.IInterpolatingParent, attribute: string, wrapsSet: boolean) {
    super(parent, attribute, wrapsSet);
  }

  /** A reference to the element at `index` (`zones[index]`). */
  public get(index: number): DataAlicloudZonesZonesOutputReference {
    return new DataAlicloudZonesZonesOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}

/** `data "alicloud_zones"`: the zones of the provider's region, filtered. */
export class DataAlicloudZones extends cdktf.TerraformDataSource {
  /** The data source type name. */
  public static readonly tfResourceType = 'alicloud_zones';
  private readonly _config: DataAlicloudZonesConfig;
  private readonly _zones = new DataAlicloudZonesZonesList(this, 'zones', false);

  /** Declares the data source in `scope`. */
  constructor(scope: Construct, id: string, config: DataAlicloudZonesConfig = {}) {
    super(scope, id, generated('alicloud_zones', config));
    this._config = config;
  }

  /** The IDs of the matching zones. */
  public get ids(): string[] {
    return this.getListAttribute('ids');
  }

  /** The matching zones. */
  public get zones(): DataAlicloudZonesZonesList {
    return this._zones;
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    const c = this._config;
    return {
      available_resource_creation: cdktf.stringToTerraform(c.availableResourceCreation),
      available_instance_type: cdktf.stringToTerraform(c.availableInstanceType),
      available_disk_category: cdktf.stringToTerraform(c.availableDiskCategory),
      multi: cdktf.booleanToTerraform(c.multi),
    };
  }
}
