/** The statements of export storage: where each export is kept, its parts, and expiry. */
export const dsrExportsQueries = {
  placement: `SELECT region, storage_prefix, expires_at FROM dsr.export_placements
    WHERE request_id = $1 AND company_id = $2`,
  /** The first part of an export decides where all of it is kept, and when it expires. */
  insertPlacement: `INSERT INTO dsr.export_placements (request_id, company_id, region,
      storage_prefix, expires_at)
    VALUES ($1, $2, $3, $4, $5) ON CONFLICT (request_id) DO NOTHING RETURNING request_id`,
  insertPart: `INSERT INTO dsr.export_parts (request_id, task_id, entity, sequence,
      company_id, connector, records, location, expires_at, object_key)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING sequence`,
  /** Parts with no object key are older ones, sealed into the row itself. */
  parts: `SELECT p.connector, p.entity, p.sequence, p.task_id, p.sealed, p.object_key,
      e.region, e.storage_prefix
    FROM dsr.export_parts p
    LEFT JOIN dsr.export_placements e ON e.request_id = p.request_id
    WHERE p.request_id = $1 AND p.company_id = $2 AND p.expires_at > now()
    ORDER BY p.connector, p.entity, p.sequence, p.task_id LIMIT $3 OFFSET $4`,
  expiredPlacements: `SELECT request_id, company_id, region, storage_prefix
    FROM dsr.export_placements WHERE expires_at <= $1 AND deleted_at IS NULL
    ORDER BY expires_at LIMIT $2`,
  deletePartsOf: 'DELETE FROM dsr.export_parts WHERE request_id = $1 AND company_id = $2',
  /** The placement stays, marked deleted: the record of where the export was kept. */
  markPlacementDeleted: `UPDATE dsr.export_placements SET deleted_at = $3
    WHERE request_id = $1 AND company_id = $2 AND deleted_at IS NULL`,
  /** Parts sealed into their rows, from before exports had a store. */
  deleteExpiredRowParts:
    'DELETE FROM dsr.export_parts WHERE expires_at <= $1 AND object_key IS NULL',
  deleteExpiredDownloads: 'DELETE FROM dsr.export_downloads WHERE expires_at <= $1',
};
