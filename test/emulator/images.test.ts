import { describe, expect, test } from 'vitest';
import { DURATIONS } from '../../src/emulator/index.js';
import { Ecs, useTestCloud } from '../helpers/emulator.js';
import { ALL_STATUSES, apiError, buildImage, buildWorld, imageIn, UBUNTU } from './world.js';

const cloud = useTestCloud();

function copy(req: Partial<Ecs.CopyImageRequest> & { imageId: string }): Promise<Ecs.CopyImageResponse> {
  return cloud.ecs.copyImage(new Ecs.CopyImageRequest({ regionId: 'cn-hangzhou', destinationRegionId: 'cn-shanghai', ...req }));
}

describe('CreateImage', () => {
  test('from a running instance: Creating with rising progress, then Available and later Usable', async () => {
    const w = await buildWorld(cloud);
    const r = await cloud.ecs.createImage(new Ecs.CreateImageRequest({ regionId: w.region, instanceId: w.instanceId, imageName: 'img-a', description: 'desc', tag: [new Ecs.CreateImageRequestTag({ key: 'k', value: 'v' })] }));
    const id = r.body!.imageId!;
    expect(id).toMatch(/^m-[a-z0-9]{20}$/);
    let img = await imageIn(cloud, w.region, id);
    expect([img?.status, img?.progress, img?.usable]).toEqual(['Creating', '0%', false]);
    cloud.emu.control.advance(DURATIONS.createImage / 2);
    img = await imageIn(cloud, w.region, id);
    expect([img?.status, img?.progress]).toEqual(['Creating', '50%']);
    cloud.emu.control.advance(DURATIONS.createImage / 2);
    img = await imageIn(cloud, w.region, id);
    expect([img?.status, img?.usable, img?.imageOwnerAlias, img?.imageName, img?.description]).toEqual(['Available', false, 'self', 'img-a', 'desc']);
    expect(img?.tags?.tag).toEqual([{ tagKey: 'k', tagValue: 'v' }]);
    expect(img?.diskDeviceMappings?.diskDeviceMapping?.[0]?.snapshotId).toMatch(/^s-/);
    cloud.emu.control.advance(DURATIONS.imageUsableLag);
    expect((await imageIn(cloud, w.region, id))?.usable).toBe(true);
  });

  test.each([
    ['unknown instance', { instanceId: 'i-doesnotexist' }, 'InvalidInstanceId.NotFound', 404],
    ['malformed name', { imageName: '1bad' }, 'InvalidImageName.Malformed', 400],
    ['name starting acs:', { imageName: 'acs:x' }, 'InvalidImageName.Malformed', 400],
    ['description starting http://', { description: 'http://x' }, 'InvalidDescription.Malformed', 400],
    ['no source', { instanceId: undefined }, 'MissingParameter', 400],
  ])('%s → %s', async (_n, over, code, status) => {
    const w = await buildWorld(cloud);
    const e = await apiError(() => cloud.ecs.createImage(new Ecs.CreateImageRequest({ regionId: w.region, instanceId: w.instanceId, imageName: 'ok-name', ...over })));
    expect([e.code, e.statusCode]).toEqual([code, status]);
  });

  test('duplicate name and a Pending instance are refused', async () => {
    const w = await buildWorld(cloud);
    await buildImage(cloud, w, 'dup');
    const dup = await apiError(() => cloud.ecs.createImage(new Ecs.CreateImageRequest({ regionId: w.region, instanceId: w.instanceId, imageName: 'dup' })));
    expect(dup.code).toBe('InvalidImageName.Duplicated');
    const run = await cloud.ecs.runInstances(new Ecs.RunInstancesRequest({ regionId: w.region, imageId: UBUNTU, instanceType: 'ecs.sn1ne.large', vSwitchId: w.vswId, securityGroupId: w.sgId }));
    const pending = run.body!.instanceIdSets!.instanceIdSet![0]!;
    const e = await apiError(() => cloud.ecs.createImage(new Ecs.CreateImageRequest({ regionId: w.region, instanceId: pending, imageName: 'other' })));
    expect([e.code, e.statusCode]).toEqual(['IncorrectInstanceStatus', 400]);
  });
});

describe('CopyImage', () => {
  test('the copy goes Waiting/Creating → Available in the destination with tags, name and encryption', async () => {
    const w = await buildWorld(cloud);
    const src = await buildImage(cloud, w);
    const r = await copy({ imageId: src, destinationImageName: 'copied', destinationDescription: 'copy desc', encrypted: true, tag: [new Ecs.CopyImageRequestTag({ key: 'FinanceDept', value: 'FinanceDeptJoshua' })] });
    const id = r.body!.imageId!;
    expect(await imageIn(cloud, 'cn-hangzhou', id)).toBeUndefined();
    const seen: string[] = [];
    for (let i = 0; i <= 4; i++) {
      const img = await imageIn(cloud, 'cn-shanghai', id);
      seen.push(`${img?.status} ${img?.progress}`);
      cloud.emu.control.advance(DURATIONS.copyImage / 4);
    }
    expect(seen).toEqual(['Creating 0%', 'Creating 25%', 'Creating 50%', 'Creating 75%', 'Available 100%']);
    const img = await imageIn(cloud, 'cn-shanghai', id);
    expect([img?.imageName, img?.description, img?.isCopied, img?.imageOwnerAlias]).toEqual(['copied', 'copy desc', true, 'self']);
    expect(img?.tags?.tag).toEqual([{ tagKey: 'FinanceDept', tagValue: 'FinanceDeptJoshua' }]);
    expect(img?.diskDeviceMappings?.diskDeviceMapping?.[0]?.encrypted).toBe(true);
    const dump = cloud.emu.control.dump();
    expect(dump.regions['cn-shanghai']!.snapshots.map((s) => s.imageId)).toEqual([id]);
  });

  test('the default DescribeImages status filter hides copies in progress', async () => {
    const w = await buildWorld(cloud);
    const src = await buildImage(cloud, w);
    const id = (await copy({ imageId: src, destinationImageName: 'hidden' })).body!.imageId!;
    const plain = await cloud.ecs.describeImages(new Ecs.DescribeImagesRequest({ regionId: 'cn-shanghai', imageId: id }));
    expect(plain.body?.images?.image).toEqual([]);
    expect(plain.body?.totalCount).toBe(0);
    expect((await imageIn(cloud, 'cn-shanghai', id))?.status).toBe('Creating');
  });

  test('at most five copies are Creating per destination region; the sixth waits for a slot', async () => {
    const w = await buildWorld(cloud);
    const src = await buildImage(cloud, w);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      ids.push((await copy({ imageId: src, destinationImageName: `c${i}` })).body!.imageId!);
      cloud.emu.control.advance(1000);
    }
    const statuses = async (): Promise<string[]> => Promise.all(ids.map(async (id) => (await imageIn(cloud, 'cn-shanghai', id))!.status!));
    expect(await statuses()).toEqual(['Creating', 'Creating', 'Creating', 'Creating', 'Creating', 'Waiting']);
    cloud.emu.control.advance(DURATIONS.copyImage - 6000 + 1);
    expect(await statuses()).toEqual(['Available', 'Creating', 'Creating', 'Creating', 'Creating', 'Creating']);
  });

  test.each([
    ['unknown image', { imageId: 'm-nope' }, 'InvalidImageId.NotFound', 404],
    ['same region', { destinationRegionId: 'cn-hangzhou' }, 'IncorrectDestinationRegion', 403],
    ['unknown destination', { destinationRegionId: 'mars-1' }, 'DestinationRegion.NotFound', 400],
    ['unknown source region', { regionId: 'mars-1' }, 'InvalidRegionId.NotFound', 404],
    ['bad name', { destinationImageName: 'http://x' }, 'InvalidImageName.Malformed', 400],
    ['bad description', { destinationDescription: 'x' }, 'InvalidDescription.Malformed', 400],
    ['KMS key without encryption', { KMSKeyId: 'key-1' }, 'InvalidParameter.EncryptedIllegal', 400],
    ['public image', { imageId: UBUNTU }, 'OperationDenied', 403],
    ['DryRun', { dryRun: true }, 'DryRunOperation', 400],
  ])('%s → %s', async (_n, over, code, status) => {
    const w = await buildWorld(cloud);
    const src = await buildImage(cloud, w);
    const e = await apiError(() => copy({ imageId: src, ...over } as Partial<Ecs.CopyImageRequest> & { imageId: string }));
    expect([e.code, e.statusCode]).toEqual([code, status]);
  });

  test('a source that is not Available or still copying is refused; a duplicate destination name too', async () => {
    const w = await buildWorld(cloud);
    const creating = (await cloud.ecs.createImage(new Ecs.CreateImageRequest({ regionId: w.region, instanceId: w.instanceId, imageName: 'creating' }))).body!.imageId!;
    expect((await apiError(() => copy({ imageId: creating }))).code).toBe('IncorrectImageStatus');
    cloud.emu.control.advance(DURATIONS.createImage);
    const first = (await copy({ imageId: creating, destinationImageName: 'taken' })).body!.imageId!;
    const e = await apiError(() => cloud.ecs.copyImage(new Ecs.CopyImageRequest({ regionId: 'cn-shanghai', imageId: first, destinationRegionId: 'cn-beijing' })));
    expect([e.code, e.statusCode]).toEqual(['OperationDenied.ImageCopying', 403]);
    expect((await apiError(() => copy({ imageId: creating, destinationImageName: 'taken' }))).code).toBe('InvalidImageName.Duplicated');
  });

  test('imageFailureRate 1 makes the copy end CreateFailed', async () => {
    const w = await buildWorld(cloud);
    const src = await buildImage(cloud, w);
    cloud.emu.control.setFaults({ imageFailureRate: 1 });
    const id = (await copy({ imageId: src })).body!.imageId!;
    cloud.emu.control.advance(DURATIONS.copyImage);
    expect((await imageIn(cloud, 'cn-shanghai', id))?.status).toBe('CreateFailed');
  });
});

describe('CancelCopyImage', () => {
  test('cancelling a copy in progress removes it and its snapshots at once', async () => {
    const w = await buildWorld(cloud);
    const src = await buildImage(cloud, w);
    const id = (await copy({ imageId: src })).body!.imageId!;
    cloud.emu.control.advance(DURATIONS.copyImage / 3);
    await cloud.ecs.cancelCopyImage(new Ecs.CancelCopyImageRequest({ regionId: 'cn-shanghai', imageId: id }));
    expect(await imageIn(cloud, 'cn-shanghai', id)).toBeUndefined();
    expect(cloud.emu.control.dump().regions['cn-shanghai']!.snapshots).toEqual([]);
  });

  test.each([
    ['finished copy', 'finished', 'IncorrectImageStatus', 400],
    ['image that is not a copy', 'source', 'ImageCreatedNotFromCopy', 400],
    ['unknown image', 'unknown', 'InvalidImageId.NotFound', 404],
    ['cancelNotSupported fault', 'fault', 'CancelNotSupported', 400],
  ])('%s → %s', async (_n, which, code, status) => {
    const w = await buildWorld(cloud);
    const src = await buildImage(cloud, w);
    const id = (await copy({ imageId: src })).body!.imageId!;
    if (which === 'finished') cloud.emu.control.advance(DURATIONS.copyImage);
    if (which === 'fault') cloud.emu.control.setFaults({ cancelNotSupported: true });
    const target = { finished: ['cn-shanghai', id], source: ['cn-hangzhou', src], unknown: ['cn-shanghai', 'm-unknown'], fault: ['cn-shanghai', id] }[which]!;
    const e = await apiError(() => cloud.ecs.cancelCopyImage(new Ecs.CancelCopyImageRequest({ regionId: target[0], imageId: target[1] })));
    expect([e.code, e.statusCode]).toEqual([code, status]);
  });
});

describe('DeleteImage', () => {
  test('refused while copying (even forced), allowed after cancel', async () => {
    const w = await buildWorld(cloud);
    const src = await buildImage(cloud, w);
    const id = (await copy({ imageId: src })).body!.imageId!;
    for (const force of [false, true]) {
      const e = await apiError(() => cloud.ecs.deleteImage(new Ecs.DeleteImageRequest({ regionId: 'cn-shanghai', imageId: id, force })));
      expect([e.code, e.statusCode]).toEqual(['OperationDenied.ImageCopying', 403]);
    }
  });

  test('an image used by an instance needs Force; the image disappears after a moment', async () => {
    const w = await buildWorld(cloud);
    const img = await buildImage(cloud, w);
    await cloud.ecs.runInstances(new Ecs.RunInstancesRequest({ regionId: w.region, imageId: img, instanceType: 'ecs.sn1ne.large', vSwitchId: w.vswId, securityGroupId: w.sgId }));
    const e = await apiError(() => cloud.ecs.deleteImage(new Ecs.DeleteImageRequest({ regionId: w.region, imageId: img })));
    expect([e.code, e.statusCode]).toEqual(['ImageUsingByInstance', 403]);
    await cloud.ecs.deleteImage(new Ecs.DeleteImageRequest({ regionId: w.region, imageId: img, force: true }));
    expect((await imageIn(cloud, w.region, img))?.status).toBe('Available');
    cloud.emu.control.advance(DURATIONS.deleteImage);
    expect(await imageIn(cloud, w.region, img)).toBeUndefined();
    expect(cloud.emu.control.dump().regions[w.region]!.snapshots).toHaveLength(1);
  });

  test('a missing image is ignored; a public image is refused', async () => {
    await cloud.ecs.deleteImage(new Ecs.DeleteImageRequest({ regionId: 'cn-hangzhou', imageId: 'm-missing' }));
    const e = await apiError(() => cloud.ecs.deleteImage(new Ecs.DeleteImageRequest({ regionId: 'cn-hangzhou', imageId: UBUNTU })));
    expect([e.code, e.statusCode]).toEqual(['OperationDenied', 403]);
  });
});

describe('ModifyImageAttribute', () => {
  test('renames, redescribes and deprecates', async () => {
    const w = await buildWorld(cloud);
    const img = await buildImage(cloud, w);
    await cloud.ecs.modifyImageAttribute(new Ecs.ModifyImageAttributeRequest({ regionId: w.region, imageId: img, imageName: 'renamed', description: 'new description', status: 'Deprecated' }));
    const got = await imageIn(cloud, w.region, img);
    expect([got?.imageName, got?.description, got?.status]).toEqual(['renamed', 'new description', 'Deprecated']);
  });

  test.each([
    [{ imageName: '-x' }, 'InvalidImageName.Malformed', 400],
    [{ description: 'https://x' }, 'InvalidDescription.Malformed', 400],
    [{ imageId: 'm-nothere' }, 'InvalidImageId.NotFound', 404],
    [{ imageName: 'taken' }, 'InvalidImageName.Duplicated', 400],
  ])('%o → %s', async (over, code, status) => {
    const w = await buildWorld(cloud);
    await buildImage(cloud, w, 'taken');
    const img = await buildImage(cloud, w, 'mine');
    const e = await apiError(() => cloud.ecs.modifyImageAttribute(new Ecs.ModifyImageAttributeRequest({ regionId: w.region, imageId: img, ...over })));
    expect([e.code, e.statusCode]).toEqual([code, status]);
  });
});

describe('DescribeImages', () => {
  test('system images: owner filter, name, status default, newest first', async () => {
    const r = await cloud.ecs.describeImages(new Ecs.DescribeImagesRequest({ regionId: 'cn-hangzhou', imageOwnerAlias: 'system', pageSize: 100 }));
    const imgs = r.body!.images!.image!;
    expect(imgs.length).toBeGreaterThanOrEqual(7);
    expect(imgs.every((i) => i.imageOwnerAlias === 'system' && i.status === 'Available' && i.imageName === i.imageId)).toBe(true);
    const times = imgs.map((i) => i.creationTime!);
    expect([...times].sort().reverse()).toEqual(times);
    const ubuntu18 = imgs.filter((i) => /^ubuntu_18.*64/.test(i.imageName!)).map((i) => i.imageId);
    expect(ubuntu18).toEqual(['ubuntu_18_04_x64_20G_alibase_20230208.vhd', 'ubuntu_18_04_64_20G_alibase_20190624.vhd']);
  });

  test('pagination: PageNumber/PageSize/TotalCount cover every image once', async () => {
    const all = await cloud.ecs.describeImages(new Ecs.DescribeImagesRequest({ regionId: 'cn-hangzhou', pageSize: 100 }));
    const total = all.body!.totalCount!;
    const ids: string[] = [];
    for (let page = 1; page <= Math.ceil(total / 3); page++) {
      const r = await cloud.ecs.describeImages(new Ecs.DescribeImagesRequest({ regionId: 'cn-hangzhou', pageSize: 3, pageNumber: page }));
      expect([r.body!.pageNumber, r.body!.pageSize, r.body!.totalCount]).toEqual([page, 3, total]);
      ids.push(...r.body!.images!.image!.map((i) => i.imageId!));
    }
    expect(ids).toEqual(all.body!.images!.image!.map((i) => i.imageId));
  });

  test('filters: ImageId list, self owner, tags, architecture, OSType, unknown ID', async () => {
    const w = await buildWorld(cloud);
    const a = await buildImage(cloud, w, 'alpha');
    const b = await buildImage(cloud, w, 'beta');
    await cloud.ecs.tagResources(new Ecs.TagResourcesRequest({ regionId: w.region, resourceType: 'image', resourceId: [b], tag: [new Ecs.TagResourcesRequestTag({ key: 'team', value: 'x' })] }));
    const q = async (over: Partial<Ecs.DescribeImagesRequest>): Promise<string[]> =>
      ((await cloud.ecs.describeImages(new Ecs.DescribeImagesRequest({ regionId: w.region, pageSize: 100, ...over }))).body!.images!.image ?? []).map((i) => i.imageId!);
    expect((await q({ imageId: `${a},${b}` })).sort()).toEqual([a, b].sort());
    expect((await q({ imageOwnerAlias: 'self' })).sort()).toEqual([a, b].sort());
    expect(await q({ tag: [new Ecs.DescribeImagesRequestTag({ key: 'team', value: 'x' })] })).toEqual([b]);
    expect(await q({ imageName: 'alph' })).toEqual([a]);
    expect(await q({ architecture: 'arm64' })).toEqual(['aliyun_3_arm64_20G_alibase_20240819.vhd', 'ubuntu_22_04_arm64_20G_alibase_20230712.vhd']);
    expect(await q({ OSType: 'windows' })).toEqual(['win2022_21H2_x64_dtc_en-us_40G_alibase_20240816.vhd', 'win2019_1809_x64_dtc_en-us_40G_alibase_20230811.vhd']);
    expect(await q({ imageId: 'm-unknown' })).toEqual([]);
    expect(await q({ imageId: UBUNTU, imageOwnerAlias: 'self' })).toEqual([UBUNTU]);
  });

  test.each([
    [{ imageOwnerAlias: 'nobody' }, 'InvalidImageOwnerAlias.ValueNotSupported', 400],
    [{ architecture: 'sparc' }, 'InvalidArchitecture', 404],
    [{ status: 'Sleeping' }, 'InvalidParameter', 400],
    [{ pageSize: 101 }, 'InvalidParameter', 400],
    [{ regionId: 'nowhere' }, 'InvalidRegionId.NotFound', 404],
  ])('%o → %s', async (over, code, status) => {
    const e = await apiError(() => cloud.ecs.describeImages(new Ecs.DescribeImagesRequest({ regionId: 'cn-hangzhou', ...over })));
    expect([e.code, e.statusCode]).toEqual([code, status]);
  });

  test('status list shows images in every state', async () => {
    const w = await buildWorld(cloud);
    const img = await buildImage(cloud, w);
    const id = (await copy({ imageId: img })).body!.imageId!;
    const r = await cloud.ecs.describeImages(new Ecs.DescribeImagesRequest({ regionId: 'cn-shanghai', status: ALL_STATUSES, imageOwnerAlias: 'self' }));
    expect(r.body!.images!.image!.map((i) => [i.imageId, i.status])).toEqual([[id, 'Creating']]);
  });
});
