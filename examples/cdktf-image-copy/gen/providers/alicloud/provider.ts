import * as cdktf from 'cdktf';
import type { Construct } from 'constructs';
import { GENERATOR } from './meta.js';

/** The arguments of `provider "alicloud"` that this example uses. */
export interface AlicloudProviderConfig {
  /** Alias of this provider configuration, referenced as `alicloud.<alias>`. */
  readonly alias?: string;
  /** Region the provider's API calls go to, such as `cn-hangzhou`. */
  readonly region?: string;
  /** Access key; prefer the ALICLOUD_ACCESS_KEY environment variable. */
  readonly accessKey?: string;
  /** Secret key; prefer the ALICLOUD_SECRET_KEY environment variable. */
  readonly secretKey?: string;
}

/** `provider "alicloud"`: one configuration of the Alibaba Cloud provider. */
export class AlicloudProvider extends cdktf.TerraformProvider {
  /** The provider type name. */
  public static readonly tfResourceType = 'alicloud';
  private _alias?: string;
  private readonly _region?: string;
  private readonly _accessKey?: string;
  private readonly _secretKey?: string;

  /** Declares one provider configuration in `scope`. */
  constructor(scope: Construct, id: string, config: AlicloudProviderConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'alicloud',
      terraformGeneratorMetadata: GENERATOR,
      terraformProviderSource: 'aliyun/alicloud',
    });
    this._alias = config.alias;
    this._region = config.region;
    this._accessKey = config.accessKey;
    this._secretKey = config.secretKey;
  }

  /** The alias, if any. */
  public override get alias(): string | undefined {
    return this._alias;
  }

  public override set alias(value: string | undefined) {
    this._alias = value;
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return {
      alias: cdktf.stringToTerraform(this._alias),
      region: cdktf.stringToTerraform(this._region),
      access_key: cdktf.stringToTerraform(this._accessKey),
      secret_key: cdktf.stringToTerraform(this._secretKey),
    };
  }
}
