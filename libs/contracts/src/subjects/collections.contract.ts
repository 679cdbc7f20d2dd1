import { z } from 'zod';

import { defineRequest } from '../core/contract';
import { pageQuerySchema, pageSchema } from '../core/page';

/**
 * Collections whose capabilities arrive with their own services' work. The routes and
 * subjects exist now so that clients and the gateway's wiring are stable; until a
 * capability lands its handler answers `not_implemented` rather than an empty list that
 * would claim there is nothing to show.
 */
function listOf(subject: string) {
  return defineRequest({
    subject,
    version: 1,
    request: pageQuerySchema,
    response: pageSchema(z.record(z.string(), z.unknown())),
  });
}

export const listPolicyLogs = listOf('compliance.policy.logs.list');
export const listDataResidency = listOf('compliance.policy.residency.list');
