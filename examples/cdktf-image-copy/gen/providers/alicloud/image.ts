import * as cdktf from 'cdktf';
import type { Construct } from 'constructs';
import { generated } from './meta.js';

/** The arguments of `alicloud_image` that this example uses. */
export interface ImageConfig extends cdktf.TerraformMetaArguments {
  readonly instanceId?: string;
  readonly snapshotId?: string;
  readonly imageName?: string;
  readonly description?: string;
  readonly force?: boolean | cdktf.IResolvable;
  readonly tags?: { [key: string]: string };
}

/** `resource "alicloud_image"`: a custom image made from an instance or a snapshot. */
export class Image extends cdktf.TerraformResource {
  /** The resource type name. */
  public static readonly tfResourceType = 'alicloud_image';
  private readonly _config: ImageConfig;

  /** Declares the image in `scope`. */
  constructor(scope: Construct, id: string, config: ImageConfig = {}) {
    super(scope, id, generated('alicloud_image', config));
    this._config = config;
  }

  /** The image ID (known after apply). */
  public get id(): string {
    return this.getStringAttribute('id');
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    const c = this._config;
    return {
      instance_id: cdktf.stringToTerraform(c.instanceId),
      snapshot_id: cdktf.stringToTerraform(c.snapshotId),
      image_name: cdktf.stringToTerraform(c.imageName),
      description: cdktf.stringToTerraform(c.description),
      force: cdktf.booleanToTerraform(c.force),
      tags: cdktf.hashMapper(cdktf.stringToTerraform)(c.tags),
    };
  }
}
