import { createHash } from 'node:crypto';

import { canonicalJson } from '@compliance/audit';

import { DsrTaskRow } from '../requests/dsr-request.row';

/**
 * What was erased where, with the re-check that found nothing left, sealed by a hash of
 * its canonical form. Ids and counts only: the certificate lives in the audit trail.
 */
export function erasureCertificate(
  requestId: string,
  erased: DsrTaskRow[],
  rechecks: DsrTaskRow[],
) {
  const body = {
    requestId,
    connectors: erased.map((task) => ({
      connector: task.connector,
      erased: task.counts,
      categories: task.categories,
      recheck: {
        remaining: rechecks.find((r) => r.connector === task.connector)?.remaining ?? null,
        located: rechecks.find((r) => r.connector === task.connector)?.counts ?? {},
      },
    })),
    totalErased: erased.reduce(
      (sum, task) => sum + Object.values(task.counts).reduce((a, b) => a + b, 0),
      0,
    ),
    issuedAt: new Date().toISOString(),
  };

  return { ...body, sha256: createHash('sha256').update(canonicalJson(body)).digest('hex') };
}
