import * as cdktf from 'cdktf';
import type { Construct } from 'constructs';
import { generated } from './meta.js';

/** The `timeouts` block of `alicloud_image_copy`. */
export interface ImageCopyTimeouts {
  readonly create?: string;
  readonly delete?: string;
}

/** The arguments of `alicloud_image_copy` that this example uses. */
export interface ImageCopyConfig extends cdktf.TerraformMetaArguments {
  readonly sourceImageId: string;
  readonly sourceRegionId: string;
  readonly imageName?: string;
  readonly description?: string;
  readonly encrypted?: boolean | cdktf.IResolvable;
  readonly kmsKeyId?: string;
  readonly force?: boolean | cdktf.IResolvable;
  readonly tags?: { [key: string]: string };
  readonly timeouts?: ImageCopyTimeouts;
}

/** `resource "alicloud_image_copy"`: a copy of a custom image in another region. */
export class ImageCopy extends cdktf.TerraformResource {
  /** The resource type name. */
  public static readonly tfResourceType = 'alicloud_image_copy';
  private readonly _config: ImageCopyConfig;

  /** Declares the image copy in `scope`; its provider's region is the destination. */
  constructor(scope: Construct, id: string, config: ImageCopyConfig) {
    super(scope, id, generated('alicloud_image_copy', config));
    this._config = config;
  }

  /** The copied image's ID in the destination region (known after apply). */
  public get id(): string {
    return this.getStringAttribute('id');
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    const c = this._config;
    return {
      source_image_id: cdktf.stringToTerraform(c.sourceImageId),
      source_region_id: cdktf.stringToTerraform(c.sourceRegionId),
      image_name: cdktf.stringToTerraform(c.imageName),
      description: cdktf.stringToTerraform(c.description),
      encrypted: cdktf.booleanToTerraform(c.encrypted),
      kms_key_id: cdktf.stringToTerraform(c.kmsKeyId),
      force: cdktf.booleanToTerraform(c.force),
      tags: cdktf.hashMapper(cdktf.stringToTerraform)(c.tags),
      timeouts: c.timeouts ? { create: cdktf.stringToTerraform(c.timeouts.create), delete: cdktf.stringToTerraform(c.timeouts.delete) } : undefined,
    };
  }
}
