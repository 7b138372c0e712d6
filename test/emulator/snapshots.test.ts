import { describe, expect, test } from 'vitest';
import { DURATIONS } from '../../src/emulator/index.js';
import { Ecs, useTestCloud } from '../helpers/emulator.js';
import { apiError, buildImage, buildWorld } from './world.js';

const cloud = useTestCloud();

describe('snapshots', () => {
  test('a copy has its own snapshots whose progress follows the copy; DeleteSnapshot waits for the image to go', async () => {
    const w = await buildWorld(cloud);
    const src = await buildImage(cloud, w);
    const copy = (await cloud.ecs.copyImage(new Ecs.CopyImageRequest({ regionId: w.region, imageId: src, destinationRegionId: 'cn-shanghai' }))).body!.imageId!;
    cloud.emu.control.advance(DURATIONS.copyImage / 2);
    const list = async (): Promise<Ecs.DescribeSnapshotsResponseBodySnapshotsSnapshot[]> => (await cloud.ecs.describeSnapshots(new Ecs.DescribeSnapshotsRequest({ regionId: 'cn-shanghai' }))).body!.snapshots!.snapshot!;
    const [snap] = await list();
    expect([snap!.status, snap!.progress, snap!.sourceRegionId, snap!.usage]).toEqual(['progressing', '50%', w.region, 'image']);
    const mapped = (await cloud.ecs.describeImages(new Ecs.DescribeImagesRequest({ regionId: 'cn-shanghai', imageId: copy, status: 'Creating' }))).body!.images!.image![0]!;
    expect(mapped.diskDeviceMappings!.diskDeviceMapping![0]!.snapshotId).toBe(snap!.snapshotId);
    cloud.emu.control.advance(DURATIONS.copyImage / 2);
    expect((await list())[0]!.status).toBe('accomplished');
    const refused = await apiError(() => cloud.ecs.deleteSnapshot(new Ecs.DeleteSnapshotRequest({ snapshotId: snap!.snapshotId })));
    expect([refused.code, refused.statusCode]).toEqual(['SnapshotCreatedImage', 403]);
    await cloud.ecs.deleteImage(new Ecs.DeleteImageRequest({ regionId: 'cn-shanghai', imageId: copy }));
    cloud.emu.control.advance(DURATIONS.deleteImage);
    await cloud.ecs.deleteSnapshot(new Ecs.DeleteSnapshotRequest({ snapshotId: snap!.snapshotId, force: true }));
    expect(await list()).toEqual([]);
    const gone = await apiError(() => cloud.ecs.deleteSnapshot(new Ecs.DeleteSnapshotRequest({ snapshotId: snap!.snapshotId })));
    expect([gone.code, gone.statusCode]).toEqual(['InvalidSnapshotId.NotFound', 404]);
  });

  test('DescribeSnapshots filters by SnapshotIds and pages', async () => {
    const w = await buildWorld(cloud);
    for (let i = 0; i < 3; i++) await buildImage(cloud, w, `img-${i}`);
    const all = (await cloud.ecs.describeSnapshots(new Ecs.DescribeSnapshotsRequest({ regionId: w.region }))).body!;
    expect(all.totalCount).toBe(3);
    const ids = all.snapshots!.snapshot!.map((s) => s.snapshotId!);
    const one = (await cloud.ecs.describeSnapshots(new Ecs.DescribeSnapshotsRequest({ regionId: w.region, snapshotIds: JSON.stringify([ids[1]]) }))).body!;
    expect(one.snapshots!.snapshot!.map((s) => s.snapshotId)).toEqual([ids[1]]);
    const page = (await cloud.ecs.describeSnapshots(new Ecs.DescribeSnapshotsRequest({ regionId: w.region, pageSize: 2, pageNumber: 2 }))).body!;
    expect(page.snapshots!.snapshot!.map((s) => s.snapshotId)).toEqual([ids[2]]);
  });
});
