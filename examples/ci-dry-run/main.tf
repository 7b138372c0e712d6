# A network that a CI pipeline can plan without credentials: no data sources, so with
# -refresh=false nothing has to be read from the cloud. (A data source, or a refresh of objects
# already in state, needs the cloud; without credentials minitf then stops with one diagnostic.)

variable "name" {
  type        = string
  description = "Name of the VPC, vSwitch and security group."
  default     = "ci-dry-run"
}

variable "zone_id" {
  type    = string
  default = "cn-hangzhou-h"
}

provider "alicloud" {
  region = "cn-hangzhou"
}

resource "alicloud_vpc" "main" {
  vpc_name   = var.name
  cidr_block = "10.20.0.0/16"
  tags = {
    ManagedBy = "minitf"
  }
}

resource "alicloud_vswitch" "main" {
  vswitch_name = var.name
  vpc_id       = alicloud_vpc.main.id
  cidr_block   = cidrsubnet(alicloud_vpc.main.cidr_block, 8, 1)
  zone_id      = var.zone_id
}

resource "alicloud_security_group" "main" {
  security_group_name = var.name
  vpc_id              = alicloud_vpc.main.id
}

output "vpc_id" {
  value = alicloud_vpc.main.id
}

output "vswitch_cidr" {
  value = alicloud_vswitch.main.cidr_block
}
