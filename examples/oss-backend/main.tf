# A network whose state lives in OSS, as Alibaba Cloud teams keep theirs: Terraform's backend "oss"
# arguments and layout (the state object is oss://minitf-example-state/network/terraform.tfstate for
# the default workspace, network/<workspace>/terraform.tfstate for the others), encrypted at rest,
# private, and locked with a lock object beside it while a run writes.

terraform {
  backend "oss" {
    bucket  = "minitf-example-state"
    prefix  = "network"
    key     = "terraform.tfstate"
    region  = "cn-hangzhou"
    encrypt = true
    acl     = "private"
  }
}

variable "subnets" {
  description = "How many vSwitches to make in the VPC."
  type        = number
  default     = 4
}

provider "alicloud" {
  region = "cn-hangzhou"
}

data "alicloud_zones" "default" {
  available_resource_creation = "VSwitch"
}

resource "alicloud_vpc" "main" {
  vpc_name   = "minitf-oss-example"
  cidr_block = "10.40.0.0/16"
}

resource "alicloud_vswitch" "subnet" {
  count        = var.subnets
  vswitch_name = "minitf-oss-example-${count.index}"
  vpc_id       = alicloud_vpc.main.id
  cidr_block   = cidrsubnet(alicloud_vpc.main.cidr_block, 8, count.index)
  zone_id      = data.alicloud_zones.default.zones[count.index % length(data.alicloud_zones.default.zones)].id
}

resource "alicloud_security_group" "web" {
  security_group_name = "minitf-oss-example-web"
  vpc_id              = alicloud_vpc.main.id
}

output "vswitch_ids" {
  value = alicloud_vswitch.subnet[*].id
}
