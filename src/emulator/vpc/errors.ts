import { ApiError } from '../errors.js';

/** 404 `InvalidVpcId.NotFound`. */
export class InvalidVpcIdNotFound extends ApiError {
  constructor(id: string) {
    super('InvalidVpcId.NotFound', 404, `The specified VpcId "${id}" does not exist.`);
  }
}
/** 400 `IncorrectVpcStatus`: the VPC is not `Available`. */
export class IncorrectVpcStatus extends ApiError {
  constructor(id: string, status: string) {
    super('IncorrectVpcStatus', 400, `The current status of VPC "${id}" (${status}) does not support this operation.`);
  }
}
/** 404 `InvalidVSwitchId.NotFound`. */
export class InvalidVSwitchIdNotFound extends ApiError {
  constructor(id: string) {
    super('InvalidVSwitchId.NotFound', 404, `The specified VSwitchId "${id}" does not exist.`);
  }
}
/** 400 `IncorrectVSwitchStatus`: the vSwitch is not `Available`. */
export class IncorrectVSwitchStatus extends ApiError {
  constructor(id: string, status: string) {
    super('IncorrectVSwitchStatus', 400, `The current status of vSwitch "${id}" (${status}) does not support this operation.`);
  }
}
/** 404 `InvalidZoneId.NotFound`. */
export class InvalidZoneIdNotFound extends ApiError {
  constructor(zone: string) {
    super('InvalidZoneId.NotFound', 404, `The specified ZoneId "${zone}" does not exist in the region.`);
  }
}
/** 400 `InvalidVpcName.Malformed`. */
export class InvalidVpcNameMalformed extends ApiError {
  constructor() {
    super('InvalidVpcName.Malformed', 400, 'The VPC name must be 1 to 128 characters and must not start with http:// or https://.');
  }
}
/** 400 `InvalidVpcDiscription.Malformed` (the cloud's spelling). */
export class InvalidVpcDiscriptionMalformed extends ApiError {
  constructor() {
    super('InvalidVpcDiscription.Malformed', 400, 'The VPC description must be 1 to 256 characters and must not start with http:// or https://.');
  }
}
/** 400 `InvalidVSwitchName.Malformed`. */
export class InvalidVSwitchNameMalformed extends ApiError {
  constructor() {
    super('InvalidVSwitchName.Malformed', 400, 'The vSwitch name must be 1 to 128 characters and must not start with http:// or https://.');
  }
}
/** 400 `InvalidCidrBlock.Malformed`: not `a.b.c.d/n` with host bits zero. */
export class InvalidCidrBlockMalformed extends ApiError {
  constructor(cidr: string) {
    super('InvalidCidrBlock.Malformed', 400, `The CIDR block "${cidr}" is malformed.`);
  }
}
/** 400 `InvalidCirdrBlock.MaskLength` (the cloud's spelling): vSwitch mask outside 16–29. */
export class InvalidCirdrBlockMaskLength extends ApiError {
  constructor(cidr: string) {
    super('InvalidCirdrBlock.MaskLength', 400, `The mask length of "${cidr}" must be between 16 and 29.`);
  }
}
/** 400 `InvalidCidrBlock.Overlapped`: the vSwitch CIDR overlaps another vSwitch of the VPC. */
export class InvalidCidrBlockOverlapped extends ApiError {
  constructor(cidr: string, other: string) {
    super('InvalidCidrBlock.Overlapped', 400, `The CIDR block "${cidr}" overlaps vSwitch "${other}".`);
  }
}
/** 400 `DependencyViolation.<What>`: DeleteVpc while objects remain in the VPC. */
export class VpcDependencyViolation extends ApiError {
  constructor(what: 'VSwitch' | 'SecurityGroup' | 'Instance', vpcId: string) {
    super(`DependencyViolation.${what}`, 400, `The VPC "${vpcId}" still contains ${what === 'VSwitch' ? 'vSwitches' : what === 'SecurityGroup' ? 'security groups' : 'instances'}.`);
  }
}
