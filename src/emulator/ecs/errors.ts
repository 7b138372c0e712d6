import { ApiError } from '../errors.js';

/** 404 `InvalidImageId.NotFound`: no such image in the region. */
export class InvalidImageIdNotFound extends ApiError {
  constructor(id: string) {
    super('InvalidImageId.NotFound', 404, `The specified ImageId "${id}" does not exist.`);
  }
}
/** 400 `IncorrectImageStatus`: the image's status does not allow the operation. */
export class IncorrectImageStatus extends ApiError {
  constructor(id: string, status: string) {
    super('IncorrectImageStatus', 400, `The current status of image "${id}" (${status}) does not support this operation.`);
  }
}
/** 403 `OperationDenied.ImageCopying`: the image is being copied (cancel the copy first). */
export class OperationDeniedImageCopying extends ApiError {
  constructor(id: string) {
    super('OperationDenied.ImageCopying', 403, `The image "${id}" is being copied; cancel the copy with CancelCopyImage before deleting it.`);
  }
}
/** 403 `ImageUsingByInstance`: instances use the image and `Force` was not set. */
export class ImageUsingByInstance extends ApiError {
  constructor(id: string) {
    super('ImageUsingByInstance', 403, `The image "${id}" is in use by instances; set Force=true to delete it anyway.`);
  }
}
/** 403 `OperationDenied`: the operation is not allowed on this object (e.g. deleting a system image). */
export class OperationDenied extends ApiError {
  constructor(message: string) {
    super('OperationDenied', 403, message);
  }
}
/** 400 `InvalidImageName.Malformed`. */
export class InvalidImageNameMalformed extends ApiError {
  constructor() {
    super('InvalidImageName.Malformed', 400, 'The image name must be 2 to 128 characters, start with a letter or Chinese character, contain only letters, digits, periods (.), colons (:), underscores (_) and hyphens (-), and must not start with http://, https://, acs: or aliyun.');
  }
}
/** 400 `InvalidImageName.Duplicated`: another custom image in the region has that name. */
export class InvalidImageNameDuplicated extends ApiError {
  constructor(name: string) {
    super('InvalidImageName.Duplicated', 400, `An image named "${name}" already exists in the region.`);
  }
}
/** 400 `DestinationRegion.NotFound`: CopyImage's destination region is unknown. */
export class DestinationRegionNotFound extends ApiError {
  constructor(region: string) {
    super('DestinationRegion.NotFound', 400, `The destination region "${region}" does not exist.`);
  }
}
/** 403 `IncorrectDestinationRegion`: CopyImage within one region. */
export class IncorrectDestinationRegion extends ApiError {
  constructor() {
    super('IncorrectDestinationRegion', 403, 'The destination region must differ from the source region.');
  }
}
/** 400 `InvalidParameter.EncryptedIllegal`: a KMS key without `Encrypted=true`. */
export class InvalidParameterEncryptedIllegal extends ApiError {
  constructor() {
    super('InvalidParameter.EncryptedIllegal', 400, 'KMSKeyId can only be set when Encrypted is true.');
  }
}
/** 400 `ImageCreatedNotFromCopy`: CancelCopyImage on an image that is not a copy. */
export class ImageCreatedNotFromCopy extends ApiError {
  constructor(id: string) {
    super('ImageCreatedNotFromCopy', 400, `The image "${id}" was not created by CopyImage.`);
  }
}
/** 400 `CancelNotSupported`: the copy cannot be cancelled (injected fault); wait for it to end. */
export class CancelNotSupported extends ApiError {
  constructor() {
    super('CancelNotSupported', 400, 'The image copy task cannot be cancelled at this stage.');
  }
}
/** 400 `InvalidImageOwnerAlias.ValueNotSupported`. */
export class InvalidImageOwnerAliasValueNotSupported extends ApiError {
  constructor(v: string) {
    super('InvalidImageOwnerAlias.ValueNotSupported', 400, `ImageOwnerAlias "${v}" is not one of system, self, others, marketplace.`);
  }
}
/** 404 `InvalidArchitecture` (the documented status): Architecture is not i386, x86_64 or arm64. */
export class InvalidArchitecture extends ApiError {
  constructor(v: string) {
    super('InvalidArchitecture', 404, `The architecture "${v}" is not supported.`);
  }
}
/** 404 `InvalidInstanceId.NotFound`. */
export class InvalidInstanceIdNotFound extends ApiError {
  constructor(id: string) {
    super('InvalidInstanceId.NotFound', 404, `The specified InstanceId "${id}" does not exist.`);
  }
}
/** `IncorrectInstanceStatus` (403 for instance operations, 400 for CreateImage). */
export class IncorrectInstanceStatus extends ApiError {
  constructor(id: string, status: string, http = 403) {
    super('IncorrectInstanceStatus', http, `The current status of instance "${id}" (${status}) does not support this operation.`);
  }
}
/** 403 `IncorrectInstanceStatus.Initializing`: the instance is still being created. */
export class IncorrectInstanceStatusInitializing extends ApiError {
  constructor(id: string) {
    super('IncorrectInstanceStatus.Initializing', 403, `The instance "${id}" is initializing; try again when it is Running or Stopped.`);
  }
}
/** 403 `InvalidOperation.DeletionProtection`. */
export class InvalidOperationDeletionProtection extends ApiError {
  constructor(id: string) {
    super('InvalidOperation.DeletionProtection', 403, `The instance "${id}" has deletion protection enabled.`);
  }
}
/** 404 `InvalidSecurityGroupId.NotFound`. */
export class InvalidSecurityGroupIdNotFound extends ApiError {
  constructor(id: string) {
    super('InvalidSecurityGroupId.NotFound', 404, `The specified SecurityGroupId "${id}" does not exist.`);
  }
}
/** 400 `InvalidInstanceType.ValueNotSupported`. */
export class InvalidInstanceTypeValueNotSupported extends ApiError {
  constructor(t: string) {
    super('InvalidInstanceType.ValueNotSupported', 400, `The instance type "${t}" does not exist.`);
  }
}
/** 400 `InvalidParameter.Mismatch`: zone, VPC or security group do not belong together. */
export class InvalidParameterMismatch extends ApiError {
  constructor(message: string) {
    super('InvalidParameter.Mismatch', 400, message);
  }
}
/** 400 `InvalidInstanceName.Malformed`. */
export class InvalidInstanceNameMalformed extends ApiError {
  constructor() {
    super('InvalidInstanceName.Malformed', 400, 'The instance name must be 2 to 128 characters, start with a letter or Chinese character, and contain only letters, digits, periods (.), colons (:), underscores (_), commas (,), brackets and hyphens (-).');
  }
}
/** 403 `OperationDenied.NoStock`: the zone has no stock of the instance type. */
export class OperationDeniedNoStock extends ApiError {
  constructor(type: string, zone: string) {
    super('OperationDenied.NoStock', 403, `The instance type "${type}" is out of stock in zone "${zone}".`);
  }
}
/** 400 `InvalidSecurityGroupName.Malformed`. */
export class InvalidSecurityGroupNameMalformed extends ApiError {
  constructor() {
    super('InvalidSecurityGroupName.Malformed', 400, 'The security group name must be 2 to 128 characters, start with a letter or Chinese character, and contain only letters, digits, periods (.), colons (:), underscores (_) and hyphens (-).');
  }
}
/** `DependencyViolation`: something still depends on the object (403 for security groups). */
export class DependencyViolation extends ApiError {
  constructor(message: string, http = 403) {
    super('DependencyViolation', http, message);
  }
}
/** 404 `InvalidSnapshotId.NotFound`. */
export class InvalidSnapshotIdNotFound extends ApiError {
  constructor(id: string) {
    super('InvalidSnapshotId.NotFound', 404, `The specified SnapshotId "${id}" does not exist.`);
  }
}
/** 403 `SnapshotCreatedImage`: the snapshot backs an existing image (delete the image first). */
export class SnapshotCreatedImage extends ApiError {
  constructor(id: string, image: string) {
    super('SnapshotCreatedImage', 403, `The snapshot "${id}" is used by image "${image}"; delete the image first.`);
  }
}
/** 400 `InvalidVSwitchId.IpNotEnough`: no private IP left in the vSwitch. */
export class InvalidVSwitchIdIpNotEnough extends ApiError {
  constructor(id: string) {
    super('InvalidVSwitchId.IpNotEnough', 400, `The vSwitch "${id}" has no private IP address left.`);
  }
}
/** 400 `InvalidSystemDiskCategory.ValueNotSupported`. */
export class InvalidSystemDiskCategoryValueNotSupported extends ApiError {
  constructor(c: string) {
    super('InvalidSystemDiskCategory.ValueNotSupported', 400, `The system disk category "${c}" is not supported in this zone.`);
  }
}
