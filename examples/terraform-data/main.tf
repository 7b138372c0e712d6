# No cloud at all: terraform_data objects (Terraform's built-in resource) exercise the engine —
# variables, locals, for_each, count, references, replacement triggers and outputs — with
# nothing to connect to, no credentials and no emulator.

variable "environment" {
  type        = string
  description = "Name prefix of everything below."
  default     = "dev"
}

variable "release" {
  type        = string
  description = "Changing it replaces terraform_data.release (triggers_replace)."
  default     = "v1"
}

variable "services" {
  type = map(object({
    port     = number
    replicas = number
  }))
  default = {
    api = { port = 8080, replicas = 2 }
    web = { port = 80, replicas = 3 }
  }
}

locals {
  prefix = "${var.environment}-app"
}

resource "terraform_data" "service" {
  for_each = var.services
  input = {
    name     = "${local.prefix}-${each.key}"
    port     = each.value.port
    replicas = each.value.replicas
  }
}

resource "terraform_data" "shard" {
  count = 2
  input = "${local.prefix}-shard-${count.index}"
}

resource "terraform_data" "release" {
  input            = "${local.prefix} ${var.release}: ${join(", ", sort([for s in terraform_data.service : s.output.name]))}"
  triggers_replace = var.release
}

output "services" {
  description = "The name of each service."
  value       = { for key, s in terraform_data.service : key => s.output.name }
}

output "release" {
  value = terraform_data.release.output
}

output "total_replicas" {
  value = sum([for s in var.services : s.replicas])
}
