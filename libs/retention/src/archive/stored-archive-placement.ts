import { DataSource, EntityManager } from 'typeorm';

import { ArchivePlacement } from './archive-store';

const placementSql = {
  select: `SELECT region, storage_prefix FROM retention.archive_placements
    WHERE company_id = $1`,
  upsert: `INSERT INTO retention.archive_placements (company_id, region, storage_prefix)
    VALUES ($1, $2, $3) ON CONFLICT (company_id) DO UPDATE SET
      region = EXCLUDED.region, storage_prefix = EXCLUDED.storage_prefix, updated_at = now()`,
  remove: 'DELETE FROM retention.archive_placements WHERE company_id = $1',
};

export interface ArchiveLocation {
  region: string;
  prefix: string | null;
}

/** What the residency placement resolver is asked to place: archives of any entity. */
export const ARCHIVE_CATEGORY = 'retention-archive';

/**
 * A company's archive placement as its residency configuration named it when its policies
 * were last applied, kept in the service's own schema: a run then needs no other service,
 * so the CLI and the CronJobs archive where the service would. Without a placement the
 * company's archives sit under its id alone.
 */
export class StoredArchivePlacement implements ArchivePlacement {
  constructor(private readonly dataSource: DataSource) {}

  async prefixFor(companyId: string): Promise<string> {
    const [row] = await this.dataSource.query<{ region: string; storage_prefix: string | null }[]>(
      placementSql.select,
      [companyId],
    );

    return archivePrefix(
      companyId,
      row ? { region: row.region, prefix: row.storage_prefix } : null,
    );
  }
}

/**
 * `<region>/<prefix…>/<company>`. A prefix is free text from a residency configuration,
 * often a URL (`s3://acme-eu/`): its scheme is dropped, empty segments too, and anything
 * but letters, digits, `.`, `_` and `-` is percent-encoded, so no segment can climb a level.
 */
export function archivePrefix(companyId: string, location: ArchiveLocation | null): string {
  const prefix = (location?.prefix ?? '').replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const segments = location ? [location.region, ...prefix.split('/')] : [];

  return [...segments, companyId]
    .filter((segment) => segment !== '')
    .map(keySegment)
    .join('/');
}

function keySegment(segment: string): string {
  const encoded = segment.replace(/[^A-Za-z0-9._-]/gu, (char) =>
    [...Buffer.from(char)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join(''),
  );

  return /^\.+$/.test(encoded) ? encoded.replace(/\./g, '%2E') : encoded;
}

/** Records the placement, or forgets it when the company has no residency configuration. */
export async function saveArchivePlacement(
  manager: EntityManager,
  companyId: string,
  location: ArchiveLocation | null,
): Promise<void> {
  if (location === null) {
    await manager.query(placementSql.remove, [companyId]);
    return;
  }

  await manager.query(placementSql.upsert, [companyId, location.region, location.prefix]);
}
