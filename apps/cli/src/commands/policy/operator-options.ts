import { ServiceError } from '@compliance/contracts';

import { output } from '../../support/output';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The CLI acts for a company an operator names; both ids must be real UUIDs. */
export function checkIds(policyId: string | undefined, companyId: string | undefined): boolean {
  if (!policyId || !UUID.test(policyId)) {
    output.error('the policy id must be a UUID');
    process.exitCode = 2;
    return false;
  }

  if (!companyId || !UUID.test(companyId)) {
    output.error('--company-id <uuid> is required');
    process.exitCode = 2;
    return false;
  }

  return true;
}

/** A refusal the service would answer with a 4xx: say it and exit 1, without a stack. */
export function reportRefusal(error: unknown): void {
  if (!(error instanceof ServiceError)) {
    throw error;
  }

  output.error(`${error.code}: ${error.message}`);
  for (const detail of error.details ?? []) {
    output.error(`  ${JSON.stringify(detail)}`);
  }
  process.exitCode = 1;
}

export const CLI_ACTOR = 'cli';
