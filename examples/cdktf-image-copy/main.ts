/**
 * The seed's CDKTF program (the alicloud_image_copy documentation's example) in TypeScript: build a
 * VPC, vswitch, security group, instance and custom image in cn-hangzhou, then copy the image into
 * cn-shanghai. `npm run synth` (or `npx tsx examples/cdktf-image-copy/main.ts` from the repository
 * root) writes `cdktf.out/stacks/image-copy/cdk.tf.json`; then
 * `minitf -chdir=cdktf.out/stacks/image-copy plan`. The output folder is `$CDKTF_OUTDIR` when set,
 * else `cdktf.out` beside this file; the local state path is CDKTF's default,
 * `terraform.image-copy.tfstate` in the directory the synth ran from.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, TerraformOutput, TerraformStack, Token, propertyAccess } from 'cdktf';
import type { Construct } from 'constructs';
import * as alicloud from './gen/providers/alicloud/index.js';

/** The stack: two aliased providers, three data sources, six resources and one output. */
export class ImageCopyStack extends TerraformStack {
  /** Declares the whole example in `scope` under the stack name `name`. */
  constructor(scope: Construct, name: string) {
    super(scope, name);
    const alicloudSh = new alicloud.provider.AlicloudProvider(this, 'alicloud', {
      alias: 'sh',
      region: 'cn-shanghai',
    });
    const alicloudHz = new alicloud.provider.AlicloudProvider(this, 'alicloud_1', {
      alias: 'hz',
      region: 'cn-hangzhou',
    });
    const alicloudVpcDefault = new alicloud.vpc.Vpc(this, 'default', {
      cidrBlock: '172.17.3.0/24',
      provider: alicloudHz,
      vpcName: 'terraform-example',
    });
    const dataAlicloudImagesDefault = new alicloud.dataAlicloudImages.DataAlicloudImages(this, 'default_3', {
      nameRegex: '^ubuntu_[0-9]+_[0-9]+_x64*',
      owners: 'system',
      provider: alicloudHz,
    });
    // This allows the Terraform resource name to match the original name.
    dataAlicloudImagesDefault.overrideLogicalId('default');
    const dataAlicloudInstanceTypesDefault = new alicloud.dataAlicloudInstanceTypes.DataAlicloudInstanceTypes(this, 'default_4', {
      instanceTypeFamily: 'ecs.sn1ne',
      provider: alicloudHz,
    });
    dataAlicloudInstanceTypesDefault.overrideLogicalId('default');
    const dataAlicloudZonesDefault = new alicloud.dataAlicloudZones.DataAlicloudZones(this, 'default_5', {
      availableResourceCreation: 'Instance',
      provider: alicloudHz,
    });
    dataAlicloudZonesDefault.overrideLogicalId('default');
    const alicloudSecurityGroupDefault = new alicloud.securityGroup.SecurityGroup(this, 'default_6', {
      name: 'terraform-example',
      provider: alicloudHz,
      vpcId: Token.asString(alicloudVpcDefault.id),
    });
    alicloudSecurityGroupDefault.overrideLogicalId('default');
    const alicloudVswitchDefault = new alicloud.vswitch.Vswitch(this, 'default_7', {
      cidrBlock: '172.17.3.0/24',
      provider: alicloudHz,
      vpcId: Token.asString(alicloudVpcDefault.id),
      vswitchName: 'terraform-example',
      zoneId: Token.asString(propertyAccess(dataAlicloudZonesDefault.zones, ['0', 'id'])),
    });
    alicloudVswitchDefault.overrideLogicalId('default');
    const alicloudInstanceDefault = new alicloud.instance.Instance(this, 'default_8', {
      availabilityZone: Token.asString(propertyAccess(dataAlicloudZonesDefault.zones, ['0', 'id'])),
      imageId: Token.asString(propertyAccess(dataAlicloudImagesDefault.ids, ['0'])),
      instanceName: 'terraform-example',
      instanceType: Token.asString(propertyAccess(dataAlicloudInstanceTypesDefault.ids, ['0'])),
      internetMaxBandwidthOut: 10,
      provider: alicloudHz,
      securityGroups: [Token.asString(alicloudSecurityGroupDefault.id)],
      vswitchId: Token.asString(alicloudVswitchDefault.id),
    });
    alicloudInstanceDefault.overrideLogicalId('default');
    const alicloudImageDefault = new alicloud.image.Image(this, 'default_9', {
      description: 'terraform-example',
      imageName: 'terraform-example',
      instanceId: Token.asString(alicloudInstanceDefault.id),
      provider: alicloudHz,
    });
    alicloudImageDefault.overrideLogicalId('default');
    const alicloudImageCopyDefault = new alicloud.imageCopy.ImageCopy(this, 'default_10', {
      description: 'terraform-example',
      imageName: 'terraform-example',
      provider: alicloudSh,
      sourceImageId: Token.asString(alicloudImageDefault.id),
      sourceRegionId: 'cn-hangzhou',
      tags: {
        FinanceDept: 'FinanceDeptJoshua',
      },
    });
    alicloudImageCopyDefault.overrideLogicalId('default');
    new TerraformOutput(this, 'image_copy_id', {
      description: 'The ID of the copied image in cn-shanghai.',
      value: alicloudImageCopyDefault.id,
    });
  }
}

const here = dirname(fileURLToPath(import.meta.url));
const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? join(here, 'cdktf.out') });
new ImageCopyStack(app, 'image-copy');
app.synth();
