import { ErrorDetail, ServiceError } from '@compliance/contracts';

import { KeySetVersions, ValueCounter } from './key-versions';

/**
 * Checks that no value is left under any version below `belowVersion`, asking `count` for
 * each, and throws a conflict naming the versions that still seal values. The current
 * version can never be retired.
 */
export async function assertRetirable(
  keySet: KeySetVersions,
  belowVersion: number,
  count: ValueCounter,
): Promise<void> {
  if (!Number.isInteger(belowVersion) || belowVersion < 1) {
    throw ServiceError.badRequest('belowVersion must be a positive whole number');
  }

  if (belowVersion > keySet.currentVersion) {
    throw ServiceError.badRequest('the current key version cannot be retired');
  }

  const blocked: ErrorDetail[] = [];

  for (const version of keySet.versions) {
    if (version.version < belowVersion && !version.retired) {
      const remaining = await count(version);

      if (remaining > 0) {
        blocked.push({
          path: `versions.${version.version}`,
          message: `${remaining} values are still sealed under version ${version.version}`,
        });
      }
    }
  }

  if (blocked.length > 0) {
    throw new ServiceError(
      'conflict',
      'values are still sealed under a key version to retire; re-encrypt them first',
      blocked,
    );
  }
}
