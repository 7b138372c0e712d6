import type * as cdktf from 'cdktf';

/** What `cdktf get` would record about the provider these bindings were generated from. */
export const GENERATOR: cdktf.TerraformProviderGeneratorMetadata = { providerName: 'alicloud', providerVersionConstraint: '~> 1.66' };

/**
 * The base-class configuration every generated resource and data source constructor passes on: the
 * type name, the generator metadata and the meta-arguments (`provider`, `depends_on`, `count`,
 * `lifecycle`, `for_each`, provisioners).
 */
export function generated(type: string, c: cdktf.TerraformMetaArguments): cdktf.TerraformResourceConfig {
  return {
    terraformResourceType: type,
    terraformGeneratorMetadata: GENERATOR,
    provider: c.provider,
    dependsOn: c.dependsOn,
    count: c.count,
    lifecycle: c.lifecycle,
    forEach: c.forEach,
    provisioners: c.provisioners,
    connection: c.connection,
  };
}
