import { z } from 'zod';

import { defineEvent, defineRequest } from '../core/contract';
import { pageQuerySchema, pageSchema } from '../core/page';

/** Column names end up in SQL (always quoted and parameterised): plain identifiers only. */
const column = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a lowercase column name');
const entityName = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'an entity of a data map');
const scalar = z.union([z.string().max(500), z.number(), z.boolean()]);

export const RETENTION_OPERATORS = [
  'eq',
  'neq',
  'lt',
  'lte',
  'gt',
  'gte',
  'in',
  'not_in',
  'is_null',
  'is_not_null',
] as const;

/** A typed filter condition: users never send SQL, the service compiles these to parameters. */
export const retentionConditionSchema = z
  .object({
    field: column,
    operator: z.enum(RETENTION_OPERATORS),
    value: z.union([scalar, z.array(scalar).min(1).max(1000)]).optional(),
  })
  .strict();

export type RetentionCondition = z.infer<typeof retentionConditionSchema>;

export const RETENTION_METHODS = ['soft', 'hard', 'archive'] as const;
export type RetentionMethod = (typeof RETENTION_METHODS)[number];

const policyFields = {
  name: z.string().min(1).max(200),
  entity: entityName,
  periodDays: z.number().int().min(1).max(36_500),
  dateField: column,
  method: z.enum(RETENTION_METHODS),
  conditions: z.array(retentionConditionSchema).max(20),
  schedule: z.string().min(9).max(100),
  active: z.boolean(),
  /** The marker column a `soft` run sets; required for that method. */
  softDeleteColumn: column.nullable(),
};

export const retentionPolicySchema = z.object({
  id: z.uuid(),
  ...policyFields,
  version: z.number().int(),
  sourcePolicyId: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type RetentionPolicyView = z.infer<typeof retentionPolicySchema>;

export const createRetentionPolicy = defineRequest({
  subject: 'compliance.retention.policies.create',
  version: 1,
  request: z
    .object({
      ...policyFields,
      conditions: policyFields.conditions.default([]),
      schedule: policyFields.schedule.default('0 2 * * *'),
      active: policyFields.active.default(true),
      softDeleteColumn: policyFields.softDeleteColumn.default(null),
      /** Set when an applied compliance policy owns this rule. */
      sourcePolicyId: z.uuid().optional(),
    })
    .strict(),
  response: retentionPolicySchema,
});

export const listRetentionPolicies = defineRequest({
  subject: 'compliance.retention.policies.list',
  version: 1,
  request: pageQuerySchema,
  response: pageSchema(retentionPolicySchema),
});

const byId = z.object({ id: z.uuid() }).strict();

export const getRetentionPolicy = defineRequest({
  subject: 'compliance.retention.policies.get',
  version: 1,
  request: byId,
  response: retentionPolicySchema,
});

export const updateRetentionPolicy = defineRequest({
  subject: 'compliance.retention.policies.update',
  version: 1,
  request: z
    .object({
      id: z.uuid(),
      name: policyFields.name.optional(),
      periodDays: policyFields.periodDays.optional(),
      dateField: policyFields.dateField.optional(),
      method: policyFields.method.optional(),
      conditions: policyFields.conditions.optional(),
      schedule: policyFields.schedule.optional(),
      active: policyFields.active.optional(),
      softDeleteColumn: policyFields.softDeleteColumn.optional(),
    })
    .strict(),
  response: retentionPolicySchema,
});

export const deleteRetentionPolicy = defineRequest({
  subject: 'compliance.retention.policies.delete',
  version: 1,
  request: byId,
  response: z.object({ id: z.uuid(), deleted: z.literal(true) }),
});

export const retentionPreviewEntitySchema = z.object({
  entity: z.string(),
  /** Records the policy's filter selects (for a parent's children: those pointing at it). */
  matched: z.number().int(),
  /** Matched records a hold, restriction, open request or kept child protects. */
  skipped: z.number().int(),
  /** Records a run would delete, archive or mark: matched less skipped. */
  affected: z.number().int(),
  sampleIds: z.array(z.string()),
});

export const retentionPreviewSchema = z.object({
  kind: z.literal('preview'),
  previewId: z.uuid(),
  policyId: z.uuid(),
  policyVersion: z.number().int(),
  cutoff: z.string(),
  entities: z.array(retentionPreviewEntitySchema),
});

export const retentionRunStartedSchema = z.object({
  kind: z.literal('run'),
  runId: z.uuid(),
  policyId: z.uuid(),
  policyVersion: z.number().int(),
  status: z.enum(['running', 'completed', 'failed', 'refused']),
});

export type RetentionPreview = z.infer<typeof retentionPreviewSchema>;
export type RetentionRunStarted = z.infer<typeof retentionRunStartedSchema>;

export const executeRetentionPolicy = defineRequest({
  subject: 'compliance.retention.policies.execute',
  version: 1,
  request: z
    .object({
      id: z.uuid(),
      preview: z.boolean().default(false),
      /** Binds the run to an approved preview: it refuses to start if the set grew more. */
      previewId: z.uuid().optional(),
      maxGrowthPercent: z.number().min(0).max(1000).default(0),
    })
    .strict(),
  response: z.discriminatedUnion('kind', [retentionPreviewSchema, retentionRunStartedSchema]),
});

export const retentionLogSchema = z.object({
  id: z.uuid(),
  runId: z.uuid(),
  policyId: z.uuid(),
  policyVersion: z.number().int(),
  entity: z.string(),
  status: z.enum(['running', 'completed', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  matched: z.number().int(),
  deleted: z.number().int(),
  archived: z.number().int(),
  skipped: z.number().int(),
  errors: z.number().int(),
  archiveLocation: z.string().nullable(),
});

export type RetentionLogView = z.infer<typeof retentionLogSchema>;

export const listRetentionLogs = defineRequest({
  subject: 'compliance.retention.logs.list',
  version: 1,
  request: pageQuerySchema.extend({ policyId: z.uuid().optional(), runId: z.uuid().optional() }),
  response: pageSchema(retentionLogSchema),
});

export const LEGAL_HOLD_SCOPES = ['subject', 'entity', 'filter'] as const;

export const subjectIdentifierRefSchema = z
  .object({ kind: z.enum(['email', 'phone', 'external_id']), value: z.string().min(1).max(320) })
  .strict();

export const legalHoldSchema = z.object({
  id: z.uuid(),
  reason: z.string(),
  scope: z.enum(LEGAL_HOLD_SCOPES),
  subject: subjectIdentifierRefSchema.nullable(),
  entity: z.string().nullable(),
  conditions: z.array(retentionConditionSchema),
  createdBy: z.string(),
  createdAt: z.string(),
  releasedAt: z.string().nullable(),
});

export type LegalHoldView = z.infer<typeof legalHoldSchema>;

export const createLegalHold = defineRequest({
  subject: 'compliance.retention.legal-holds.create',
  version: 1,
  request: z
    .object({
      reason: z.string().min(1).max(2000),
      scope: z.enum(LEGAL_HOLD_SCOPES),
      subject: subjectIdentifierRefSchema.optional(),
      entity: entityName.optional(),
      conditions: z.array(retentionConditionSchema).max(20).default([]),
    })
    .strict(),
  response: legalHoldSchema,
});

export const listLegalHolds = defineRequest({
  subject: 'compliance.retention.legal-holds.list',
  version: 1,
  request: pageQuerySchema.extend({ includeReleased: z.boolean().default(false) }),
  response: pageSchema(legalHoldSchema),
});

export const getLegalHold = defineRequest({
  subject: 'compliance.retention.legal-holds.get',
  version: 1,
  request: byId,
  response: legalHoldSchema,
});

export const updateLegalHold = defineRequest({
  subject: 'compliance.retention.legal-holds.update',
  version: 1,
  request: z.object({ id: z.uuid(), reason: z.string().min(1).max(2000) }).strict(),
  response: legalHoldSchema,
});

/** Releasing keeps the hold's row for the evidence; it simply stops covering anything. */
export const releaseLegalHold = defineRequest({
  subject: 'compliance.retention.legal-holds.release',
  version: 1,
  request: byId,
  response: legalHoldSchema,
});

/**
 * Asked by any service about to delete (DSR erasure included): is this subject, entity
 * or are these records held? Answers for the caller's company only.
 */
export const checkLegalHold = defineRequest({
  subject: 'compliance.retention.legal-holds.check',
  version: 1,
  request: z
    .object({
      subject: subjectIdentifierRefSchema.optional(),
      entity: entityName.optional(),
      recordIds: z.array(z.string().min(1).max(200)).max(1000).optional(),
    })
    .strict(),
  response: z.object({
    held: z.boolean(),
    holdIds: z.array(z.uuid()),
    heldRecordIds: z.array(z.string()),
  }),
});

/**
 * Asked by a connector about to erase a subject's records: which of these records does a
 * hold on an entity or a filter keep, and under which holds. A record whose parent is held
 * is held too, as in a purge. Holds on a subject are asked through `checkLegalHold`.
 */
export const findErasureHolds = defineRequest({
  subject: 'compliance.retention.legal-holds.erasure-holds',
  version: 1,
  request: z
    .object({
      entity: entityName,
      recordIds: z.array(z.string().min(1).max(200)).max(1000),
    })
    .strict(),
  response: z.object({
    held: z.array(z.object({ recordId: z.string(), holdIds: z.array(z.uuid()) })),
  }),
});

/** A CRM module declares where its records live, so retention can purge them. */
export const registerRetentionDataMap = defineRequest({
  subject: 'compliance.retention.data-maps.register',
  version: 1,
  request: z.object({ dataMap: z.record(z.string(), z.unknown()) }).strict(),
  response: z.object({ module: z.string(), entities: z.array(z.string()) }),
});

/**
 * The purge a module's own connector runs when it owns the records (the path beside
 * the built-in PostgreSQL connector). The module answers with progress events.
 */
export const retentionPurgeRequested = defineEvent({
  subject: 'compliance.retention.purge.requested',
  version: 1,
  payload: z
    .object({
      runId: z.uuid(),
      companyId: z.uuid(),
      policyId: z.uuid(),
      module: z.string(),
      entity: entityName,
      method: z.enum(RETENTION_METHODS),
      dateField: column,
      cutoff: z.string(),
      conditions: z.array(retentionConditionSchema),
      softDeleteColumn: column.nullable(),
      batchSize: z.number().int().min(1),
      pauseMs: z.number().int().min(0),
    })
    .strict(),
});

export const retentionPurgeProgress = defineEvent({
  subject: 'compliance.events.retention.purge-progress',
  version: 1,
  payload: z
    .object({
      runId: z.uuid(),
      companyId: z.uuid(),
      entity: entityName,
      batch: z.number().int().min(0),
      deleted: z.number().int().min(0),
      archived: z.number().int().min(0),
      skipped: z.number().int().min(0),
      errors: z.number().int().min(0),
      done: z.boolean(),
    })
    .strict(),
});

export const retentionRunCompleted = defineEvent({
  subject: 'compliance.events.retention.run-completed',
  version: 1,
  payload: z
    .object({
      runId: z.uuid(),
      companyId: z.uuid(),
      policyId: z.uuid(),
      status: z.enum(['completed', 'failed']),
      deleted: z.number().int(),
      skipped: z.number().int(),
    })
    .strict(),
});
