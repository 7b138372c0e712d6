variable "regions" {
  type    = set(string)
  default = ["cn-shanghai", "cn-beijing", "cn-shenzhen"]
}

provider "alicloud" {
  alias  = "hz"
  region = "cn-hangzhou"
}

provider "alicloud" {
  alias    = "by_region"
  for_each = var.regions
  region   = each.key
}

data "alicloud_zones" "default" {
  provider                    = alicloud.hz
  available_resource_creation = "Instance"
}

data "alicloud_instance_types" "default" {
  provider             = alicloud.hz
  instance_type_family = "ecs.sn1ne"
}

data "alicloud_images" "default" {
  provider   = alicloud.hz
  name_regex = "^ubuntu_[0-9]+_[0-9]+_x64*"
  owners     = "system"
}

resource "alicloud_vpc" "default" {
  provider   = alicloud.hz
  vpc_name   = "minitf-fanout"
  cidr_block = "172.17.3.0/24"
}

resource "alicloud_vswitch" "default" {
  provider     = alicloud.hz
  vswitch_name = "minitf-fanout"
  cidr_block   = "172.17.3.0/24"
  vpc_id       = alicloud_vpc.default.id
  zone_id      = data.alicloud_zones.default.zones[0].id
}

resource "alicloud_security_group" "default" {
  provider            = alicloud.hz
  security_group_name = "minitf-fanout"
  vpc_id              = alicloud_vpc.default.id
}

resource "alicloud_instance" "default" {
  provider                   = alicloud.hz
  availability_zone          = data.alicloud_zones.default.zones[0].id
  instance_name              = "minitf-fanout"
  image_id                   = data.alicloud_images.default.ids[0]
  instance_type              = data.alicloud_instance_types.default.ids[0]
  security_groups            = [alicloud_security_group.default.id]
  vswitch_id                 = alicloud_vswitch.default.id
  internet_max_bandwidth_out = 10
}

resource "alicloud_image" "default" {
  provider    = alicloud.hz
  instance_id = alicloud_instance.default.id
  image_name  = "minitf-fanout"
  description = "source of the fan-out copies"
}

resource "alicloud_image_copy" "fanout" {
  for_each         = var.regions
  provider         = alicloud.by_region[each.key]
  source_image_id  = alicloud_image.default.id
  source_region_id = "cn-hangzhou"
  image_name       = "minitf-fanout"
  description      = "copy of ${alicloud_image.default.id} in ${each.key}"
  tags = {
    Region = each.key
  }
}

output "copies" {
  description = "The copied image ID in each region."
  value       = { for region, copy in alicloud_image_copy.fanout : region => copy.id }
}
