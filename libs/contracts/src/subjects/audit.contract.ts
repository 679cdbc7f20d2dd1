import { z } from 'zod';

import { defineRequest } from '../core/contract';
import { pageQuerySchema, pageSchema } from '../core/page';

export const auditEntrySchema = z.object({
  id: z.uuid(),
  sequence: z.number().int(),
  occurredAt: z.string(),
  actorType: z.string(),
  actorId: z.string(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  outcome: z.enum(['success', 'denied', 'failure']),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
  previousHash: z.string(),
});

export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const listAuditEntries = defineRequest({
  subject: 'compliance.audit.entries.list',
  version: 1,
  request: pageQuerySchema
    .extend({
      actorId: z.string().max(256).optional(),
      action: z.string().max(128).optional(),
      resourceType: z.string().max(128).optional(),
      resourceId: z.string().max(256).optional(),
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
    })
    .strict(),
  response: pageSchema(auditEntrySchema),
});
