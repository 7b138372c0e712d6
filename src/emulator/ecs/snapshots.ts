import { ecsTags, pageOf, regionOf, tokenPageOf, type CallContext } from '../api.js';
import { isoSeconds } from '../clock.js';
import type { RegionData, SnapshotRecord } from '../model.js';
import { matchesTagFilters } from '../params.js';
import { InvalidSnapshotIdNotFound, SnapshotCreatedImage } from './errors.js';

/** A snapshot's status and progress follow the image it was made for. */
function snapshotState(s: SnapshotRecord, data: RegionData): { status: string; progress: string } {
  const img = data.images[s.imageId];
  if (img && (img.status === 'Waiting' || img.status === 'Creating')) return { status: 'progressing', progress: img.progress };
  if (img && img.status === 'CreateFailed') return { status: 'failed', progress: img.progress };
  return { status: 'accomplished', progress: '100%' };
}

function snapshotView(s: SnapshotRecord, data: RegionData): Record<string, unknown> {
  const st = snapshotState(s, data);
  return {
    SnapshotId: s.id,
    SnapshotName: s.name,
    Description: '',
    Status: st.status,
    Progress: st.progress,
    Available: st.status === 'accomplished',
    CreationTime: isoSeconds(s.createdAt),
    LastModifiedTime: isoSeconds(s.createdAt),
    SourceDiskSize: String(s.sourceDiskSizeGiB),
    SourceDiskType: 'system',
    SourceDiskId: '',
    SourceStorageType: 'disk',
    SourceRegionId: s.sourceRegionId ?? '',
    SourceSnapshotId: s.sourceSnapshotId ?? '',
    Encrypted: s.encrypted,
    KMSKeyId: s.kmsKeyId ?? '',
    Usage: data.images[s.imageId] ? 'image' : 'none',
    Category: 'standard',
    SnapshotType: 'user',
    RegionId: s.regionId,
    RetentionDays: 0,
    RemainTime: 0,
    InstantAccess: false,
    ProductCode: '',
    ResourceGroupId: '',
    Tags: ecsTags(s.tags),
  };
}

/** DescribeSnapshots: filters `SnapshotIds` (JSON array), `Status`, `Tag.N`; PageNumber/PageSize or NextToken/MaxResults. */
export function describeSnapshots(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const p = ctx.params;
  const ids = p.jsonList('SnapshotIds');
  const status = p.str('Status');
  const tagFilters = p.objects('Tag');
  const items = Object.values(r.data.snapshots)
    .filter((s) => (!ids || ids.includes(s.id)) && (!status || status === 'all' || snapshotState(s, r.data).status === status) && matchesTagFilters(s.tags, tagFilters))
    .sort((a, b) => a.createdAt - b.createdAt);
  if (p.has('MaxResults') || p.has('NextToken')) {
    const page = tokenPageOf(ctx, items, 'MaxResults', 10, 100);
    return { Snapshots: { Snapshot: page.items.map((s) => snapshotView(s, r.data)) }, NextToken: page.NextToken, TotalCount: items.length };
  }
  const page = pageOf(ctx, items, 10, 100);
  return { Snapshots: { Snapshot: page.items.map((s) => snapshotView(s, r.data)) }, TotalCount: page.TotalCount, PageNumber: page.PageNumber, PageSize: page.PageSize, NextToken: '' };
}

/** DeleteSnapshot (no RegionId): refused with 403 `SnapshotCreatedImage` while its image exists. */
export function deleteSnapshot(ctx: CallContext): Record<string, unknown> {
  const id = ctx.params.required('SnapshotId');
  const s = ctx.store.findSnapshot(id);
  if (!s) throw new InvalidSnapshotIdNotFound(id);
  ctx.region = s.regionId;
  const data = ctx.store.region(s.regionId).data;
  if (data.images[s.imageId]) throw new SnapshotCreatedImage(id, s.imageId);
  delete data.snapshots[id];
  return {};
}
