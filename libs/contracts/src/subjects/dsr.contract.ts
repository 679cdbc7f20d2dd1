import { z } from 'zod';

import { defineEvent, defineRequest } from '../core/contract';
import { pageQuerySchema, pageSchema } from '../core/page';

export const DSR_TYPES = [
  'erasure',
  'access',
  'portability',
  'rectification',
  'restriction',
  'objection',
] as const;

export const DSR_STATUSES = [
  'received',
  'verified',
  'in_progress',
  'completed',
  'rejected',
  'failed',
  'rolled_back',
] as const;

export const DSR_CHANNELS = ['web', 'email', 'phone', 'mail', 'in_person', 'api'] as const;

export const DSR_JURISDICTIONS = ['gdpr', 'ccpa', 'default'] as const;

export type DsrType = (typeof DSR_TYPES)[number];
export type DsrStatus = (typeof DSR_STATUSES)[number];
export type DsrJurisdiction = (typeof DSR_JURISDICTIONS)[number];

const at = z.iso.datetime({ offset: true });

export const dsrIdentifierSchema = z
  .object({
    kind: z.enum(['email', 'phone', 'external_id']),
    value: z.string().min(1).max(320),
  })
  .strict();

/**
 * One bare mail address. An email identifier is where the subject is mailed (an extension,
 * say), and the DSR contact is where deadline notices go: a comma or a line break in
 * either would reach further recipients or add headers.
 */
export const dsrMailAddressSchema = z.email().max(320);

export const dsrVerificationSchema = z
  .object({
    method: z.enum(['email_link', 'sms_code', 'document', 'account_login', 'other']),
    verifiedAt: at,
  })
  .strict();

/** An identifier as the service answers it: the value masked, its verification kept. */
export const dsrIdentifierViewSchema = z.object({
  kind: dsrIdentifierSchema.shape.kind,
  maskedValue: z.string(),
  verification: dsrVerificationSchema.nullable(),
});

/** What an erasure left in place under legal holds in one entity: a count, never ids. */
export const dsrHeldRecordsSchema = z.object({
  entity: z.string().min(1).max(64),
  records: z.number().int().min(0),
  holdIds: z.array(z.uuid()).max(100),
});

export const dsrTaskSchema = z.object({
  connector: z.string(),
  action: z.string(),
  status: z.enum(['pending', 'running', 'done', 'failed']),
  attempts: z.number().int(),
  counts: z.record(z.string(), z.number()),
  /** Records left in place under legal holds (erase and recheck tasks). */
  held: z.array(dsrHeldRecordsSchema),
  error: z.string().nullable(),
  updatedAt: z.string(),
});

export const dsrRequestSchema = z.object({
  id: z.uuid(),
  type: z.enum(DSR_TYPES),
  status: z.enum(DSR_STATUSES),
  jurisdiction: z.enum(DSR_JURISDICTIONS),
  channel: z.enum(DSR_CHANNELS),
  requester: z.object({ name: z.string().nullable(), relation: z.string() }),
  identifiers: z.array(dsrIdentifierViewSchema),
  purposes: z.array(z.string()),
  duplicateOf: z.uuid().nullable(),
  receivedAt: z.string(),
  dueAt: z.string(),
  extendedDueAt: z.string().nullable(),
  extensionReason: z.string().nullable(),
  /** When the subject was mailed the extension and its reason; null until it went out. */
  extensionNotifiedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  snapshotShreddedAt: z.string().nullable(),
  failureReason: z.string().nullable(),
  /**
   * An erasure's records kept under legal holds, per connector and entity. Not empty means
   * the erasure is partial: everything else was erased, these were not (art. 17(3)(e)).
   */
  keptUnderHold: z.array(dsrHeldRecordsSchema.extend({ connector: z.string() })),
  tasks: z.array(dsrTaskSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type DsrRequestView = z.infer<typeof dsrRequestSchema>;

/**
 * An identifier as intake takes it. An email one must be one address once trimmed, as it
 * is stored; the message names the rule, never the value. Other kinds are free text here:
 * a phone number is checked where its blind index is computed.
 */
const dsrIntakeIdentifierSchema = dsrIdentifierSchema
  .extend({ verification: dsrVerificationSchema.optional() })
  .refine(
    (identifier) =>
      identifier.kind !== 'email' ||
      dsrMailAddressSchema.safeParse(identifier.value.trim()).success,
    { path: ['value'], message: 'an email identifier must be one address' },
  );

export const createDsrRequest = defineRequest({
  subject: 'compliance.dsr.requests.create',
  version: 1,
  request: z
    .object({
      type: z.enum(DSR_TYPES),
      jurisdiction: z.enum(DSR_JURISDICTIONS).default('default'),
      channel: z.enum(DSR_CHANNELS).default('api'),
      requester: z
        .object({
          name: z.string().max(200).nullable().default(null),
          relation: z.enum(['subject', 'agent', 'guardian']).default('subject'),
        })
        .strict()
        .default({ name: null, relation: 'subject' }),
      identifiers: z.array(dsrIntakeIdentifierSchema).min(1).max(20),
      /** Objection and restriction apply per purpose, such as `marketing`. */
      purposes: z.array(z.string().min(1).max(64)).max(20).default([]),
      /** Rectification: the new values, by identifier kind or field name. */
      changes: z.record(z.string().max(64), z.string().max(2000)).optional(),
      receivedAt: at.optional(),
    })
    .strict(),
  response: dsrRequestSchema,
});

export const listDsrRequests = defineRequest({
  subject: 'compliance.dsr.requests.list',
  version: 1,
  request: pageQuerySchema.extend({ status: z.enum(DSR_STATUSES).optional() }).strict(),
  response: pageSchema(dsrRequestSchema),
});

const byId = z.object({ id: z.uuid() }).strict();

export const getDsrRequest = defineRequest({
  subject: 'compliance.dsr.requests.get',
  version: 1,
  request: byId,
  response: dsrRequestSchema,
});

/** What may change after intake: a rejection with its reason, or the requester's name. */
export const updateDsrRequest = defineRequest({
  subject: 'compliance.dsr.requests.update',
  version: 1,
  request: z
    .object({
      id: z.uuid(),
      status: z.literal('rejected').optional(),
      reason: z.string().min(1).max(1000).optional(),
      requesterName: z.string().max(200).optional(),
    })
    .strict(),
  response: dsrRequestSchema,
});

export const verifyDsrRequest = defineRequest({
  subject: 'compliance.dsr.requests.verify',
  version: 1,
  request: z
    .object({
      id: z.uuid(),
      verifications: z
        .array(z.object({ index: z.number().int().min(0), ...dsrVerificationSchema.shape }))
        .min(1)
        .max(20),
    })
    .strict(),
  response: dsrRequestSchema,
});

export const processDsrRequest = defineRequest({
  subject: 'compliance.dsr.requests.process',
  version: 1,
  request: byId,
  response: dsrRequestSchema,
});

export const rollbackDsrRequest = defineRequest({
  subject: 'compliance.dsr.requests.rollback',
  version: 1,
  request: byId,
  response: dsrRequestSchema,
});

/** Ends a restriction or an objection: modules may use the subject's data again. */
export const liftDsrRequest = defineRequest({
  subject: 'compliance.dsr.requests.lift',
  version: 1,
  request: byId,
  response: dsrRequestSchema,
});

export const extendDsrRequest = defineRequest({
  subject: 'compliance.dsr.requests.extend',
  version: 1,
  request: z
    .object({
      id: z.uuid(),
      months: z.number().int().min(1).max(2).optional(),
      reason: z.string().min(1).max(1000),
    })
    .strict(),
  response: dsrRequestSchema,
});

/** The company's DSR contact: the address deadline notices are mailed to, masked. */
export const dsrContactSchema = z.object({
  maskedEmail: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

export const getDsrContact = defineRequest({
  subject: 'compliance.dsr.contact.get',
  version: 1,
  request: z.object({}).strict(),
  response: dsrContactSchema,
});

/** Sets the address deadline notices go to; null removes it, and notices go unmailed. */
export const setDsrContact = defineRequest({
  subject: 'compliance.dsr.contact.set',
  version: 1,
  request: z.object({ email: dsrMailAddressSchema.nullable() }).strict(),
  response: dsrContactSchema,
});

export const dsrExportManifestSchema = z.object({
  requestId: z.uuid(),
  generatedAt: z.string(),
  sources: z.array(
    z.object({
      connector: z.string(),
      entities: z.record(z.string(), z.number().int()),
      categories: z.array(z.string()),
    }),
  ),
  totalRecords: z.number().int(),
});

export const exportDsrRequest = defineRequest({
  subject: 'compliance.dsr.requests.export',
  version: 1,
  request: z.object({ id: z.uuid(), format: z.enum(['json', 'zip']).default('json') }).strict(),
  response: z.object({
    manifest: dsrExportManifestSchema,
    downloadToken: z.string(),
    expiresAt: z.string(),
    bytes: z.number().int(),
  }),
});

/**
 * Redeems an export's download token: once, before it expires. The answer says how the
 * gateway writes the file; the records come after, a page at a time.
 */
export const openDsrExportDownload = defineRequest({
  subject: 'compliance.dsr.exports.open-download',
  version: 1,
  request: z.object({ id: z.uuid(), token: z.string().min(16).max(128) }).strict(),
  response: z.object({
    format: z.enum(['json', 'zip']),
    fileName: z.string(),
  }),
});

/** A page of a redeemed download: whole parts, up to a size that fits one bus message. */
export const readDsrExportPage = defineRequest({
  subject: 'compliance.dsr.exports.read-page',
  version: 1,
  request: z
    .object({
      id: z.uuid(),
      token: z.string().min(16).max(128),
      cursor: z.number().int().min(0).default(0),
    })
    .strict(),
  response: z.object({
    parts: z.array(
      z.object({
        connector: z.string(),
        entity: z.string(),
        records: z.array(z.record(z.string(), z.unknown())),
      }),
    ),
    /** Where the next page starts; null after the last. */
    next: z.number().int().nullable(),
  }),
});

/** Commands the service sends to connectors, and what they answer. */
export const DSR_TASK_ACTIONS = [
  'erase',
  'recheck',
  'export',
  'rectify',
  'restrict',
  'lift',
  'rollback',
  'shred',
] as const;

export type DsrTaskAction = (typeof DSR_TASK_ACTIONS)[number];

export const dsrTaskRequested = defineEvent({
  subject: 'compliance.events.dsr.task-requested',
  version: 1,
  payload: z
    .object({
      taskId: z.uuid(),
      requestId: z.uuid(),
      connector: z.string().min(1).max(64),
      action: z.enum(DSR_TASK_ACTIONS),
      identifiers: z.array(dsrIdentifierSchema).max(20),
      purposes: z.array(z.string()).max(20).default([]),
      changes: z.record(z.string(), z.string()).optional(),
      attempt: z.number().int().min(1),
    })
    .strict(),
});

export const dsrTaskReported = defineEvent({
  subject: 'compliance.events.dsr.task-reported',
  version: 1,
  payload: z
    .object({
      taskId: z.uuid(),
      requestId: z.uuid(),
      connector: z.string().min(1).max(64),
      attempt: z.number().int().min(1),
      status: z.enum(['running', 'done', 'failed']),
      /** Records per entity: located, erased, anonymised, restored, exported... */
      counts: z.record(z.string(), z.number().int().min(0)).default({}),
      /** Records still holding personal data after an erasure (a recheck's answer). */
      remaining: z.number().int().min(0).optional(),
      /** Records an erasure left in place under legal holds, per entity, with the holds. */
      held: z.array(dsrHeldRecordsSchema).max(200).optional(),
      categories: z.array(z.string()).optional(),
      error: z.string().max(500).optional(),
    })
    .strict(),
});

/** One batch of a subject's records for an access or portability export. */
export const dsrExportChunk = defineEvent({
  subject: 'compliance.events.dsr.export-chunk',
  version: 1,
  payload: z
    .object({
      taskId: z.uuid(),
      requestId: z.uuid(),
      connector: z.string().min(1).max(64),
      entity: z.string().min(1).max(64),
      sequence: z.number().int().min(0),
      records: z.array(z.record(z.string(), z.unknown())).max(1000),
    })
    .strict(),
});

/** A connector announces the data map it serves, so requests reach it. */
export const dsrConnectorRegistered = defineEvent({
  subject: 'compliance.events.dsr.connector-registered',
  version: 1,
  payload: z
    .object({
      connector: z.string().min(1).max(64),
      entities: z.array(z.string()).max(200),
      categories: z.array(z.string()).max(20),
    })
    .strict(),
});

/** Broadcast for modules, retention and marketing: respect until `active` is false. */
export const dsrRestrictionChanged = defineEvent({
  subject: 'compliance.events.dsr.restriction-changed',
  version: 1,
  payload: z
    .object({
      requestId: z.uuid(),
      kind: z.enum(['restriction', 'objection']),
      identifiers: z.array(dsrIdentifierSchema).max(20),
      purposes: z.array(z.string()).max(20),
      active: z.boolean(),
    })
    .strict(),
});

export const dsrDeadlineApproaching = defineEvent({
  subject: 'compliance.events.dsr.deadline-notice',
  version: 1,
  payload: z
    .object({
      requestId: z.uuid(),
      notice: z.enum(['due_in_7_days', 'due_in_3_days', 'due_in_1_day', 'overdue']),
      dueAt: at,
    })
    .strict(),
});

/** An extension and its reason; the service itself mails them to the subject. */
export const dsrRequestExtended = defineEvent({
  subject: 'compliance.events.dsr.request-extended',
  version: 1,
  payload: z
    .object({ requestId: z.uuid(), dueAt: at, reason: z.string().min(1).max(1000) })
    .strict(),
});

export const dsrRequestCompleted = defineEvent({
  subject: 'compliance.events.dsr.request-completed',
  version: 1,
  payload: z
    .object({ requestId: z.uuid(), type: z.enum(DSR_TYPES), status: z.enum(DSR_STATUSES) })
    .strict(),
});
