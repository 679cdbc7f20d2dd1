import { createHash } from 'node:crypto';

import { canonicalJson } from '@compliance/audit';

import { DsrTaskRow } from '../requests/dsr-request.row';

/**
 * What was erased where, with the re-check that found nothing left, sealed by a hash of
 * its canonical form. Ids and counts only: the certificate lives in the audit trail.
 * Records a legal hold kept are listed per connector with the holds, and the outcome is
 * `partial` then: the certificate never claims more than was erased.
 */
export function erasureCertificate(
  requestId: string,
  erased: DsrTaskRow[],
  rechecks: DsrTaskRow[],
) {
  const connectors = erased.map((task) => {
    const recheck = rechecks.find((r) => r.connector === task.connector);

    return {
      connector: task.connector,
      erased: task.counts,
      categories: task.categories,
      keptUnderHold: task.held ?? [],
      recheck: {
        remaining: recheck?.remaining ?? null,
        located: recheck?.counts ?? {},
        stillHeld: recheck?.held ?? [],
      },
    };
  });
  const totalKept = connectors.reduce(
    (sum, entry) => sum + entry.keptUnderHold.reduce((a, held) => a + held.records, 0),
    0,
  );
  const body = {
    requestId,
    outcome: totalKept > 0 ? ('partial' as const) : ('complete' as const),
    connectors,
    totalErased: erased.reduce(
      (sum, task) => sum + Object.values(task.counts).reduce((a, b) => a + b, 0),
      0,
    ),
    totalKept,
    issuedAt: new Date().toISOString(),
  };

  return { ...body, sha256: createHash('sha256').update(canonicalJson(body)).digest('hex') };
}
