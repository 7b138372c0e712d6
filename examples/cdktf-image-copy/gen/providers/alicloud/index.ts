/**
 * Hand-written stand-ins for the bindings `cdktf get` would generate for the aliyun/alicloud
 * provider (it needs the network): one construct class per type the image-copy example uses, with
 * typed configuration in and `TerraformProvider`/`TerraformResource`/`TerraformDataSource`
 * subclasses out, grouped in namespaces as the generated `index.ts` does.
 */
export * as provider from './provider.js';
export * as vpc from './vpc.js';
export * as vswitch from './vswitch.js';
export * as securityGroup from './security-group.js';
export * as instance from './instance.js';
export * as image from './image.js';
export * as imageCopy from './image-copy.js';
export * as dataAlicloudZones from './data-alicloud-zones.js';
export * as dataAlicloudInstanceTypes from './data-alicloud-instance-types.js';
export * as dataAlicloudImages from './data-alicloud-images.js';
