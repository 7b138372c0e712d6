import * as cdktf from 'cdktf';
import type { Construct } from 'constructs';
import { generated } from './meta.js';

/** The arguments of `data "alicloud_images"` that this example uses. */
export interface DataAlicloudImagesConfig extends cdktf.TerraformMetaArguments {
  readonly nameRegex?: string;
  readonly owners?: string;
  readonly mostRecent?: boolean | cdktf.IResolvable;
  readonly architecture?: string;
  readonly osType?: string;
}

/** `data "alicloud_images"`: the images of the provider's region, filtered. */
export class DataAlicloudImages extends cdktf.TerraformDataSource {
  /** The data source type name. */
  public static readonly tfResourceType = 'alicloud_images';
  private readonly _config: DataAlicloudImagesConfig;

  /** Declares the data source in `scope`. */
  constructor(scope: Construct, id: string, config: DataAlicloudImagesConfig = {}) {
    super(scope, id, generated('alicloud_images', config));
    this._config = config;
  }

  /** The IDs of the matching images. */
  public get ids(): string[] {
    return this.getListAttribute('ids');
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    const c = this._config;
    return {
      name_regex: cdktf.stringToTerraform(c.nameRegex),
      owners: cdktf.stringToTerraform(c.owners),
      most_recent: cdktf.booleanToTerraform(c.mostRecent),
      architecture: cdktf.stringToTerraform(c.architecture),
      os_type: cdktf.stringToTerraform(c.osType),
    };
  }
}
