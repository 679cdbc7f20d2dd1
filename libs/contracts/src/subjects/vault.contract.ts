import { z } from 'zod';

import { defineEvent, defineRequest } from '../core/contract';
import { pageQuerySchema, pageSchema } from '../core/page';

/** A secret value is at most 64 KiB of UTF-8. */
export const SECRET_VALUE_MAX_BYTES = 64 * 1024;

const secretValue = z
  .string()
  .min(1)
  .refine((value) => Buffer.byteLength(value) <= SECRET_VALUE_MAX_BYTES, {
    message: `at most ${SECRET_VALUE_MAX_BYTES} bytes`,
  });

/** Names read like paths (`crm/smtp/password`); they are not personal data. */
export const secretNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/, 'letters, digits, . _ / - (at most 200)');

/** A service identity as it appears as `actor.id` of a service caller. */
const serviceIdentity = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'a service identity');

export const secretGeneratorSchema = z
  .object({
    length: z.number().int().min(16).max(4096).default(40),
    alphabet: z
      .string()
      .min(16)
      .max(256)
      .default('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'),
  })
  .strict();

export const secretSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  ownerService: z.string(),
  tags: z.array(z.string()),
  allowedServices: z.array(z.string()),
  currentVersion: z.number().int(),
  rotationSource: z.enum(['generated', 'supplied', 'external']),
  generator: z.object({ length: z.number().int(), alphabet: z.string() }),
  rotationIntervalDays: z.number().int().nullable(),
  nextRotationAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  overlapHours: z.number().int(),
  rotationRequestedAt: z.string().nullable(),
  /** The contact address itself is personal data and never leaves the vault. */
  hasNotifyEmail: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const secretVersionSchema = z.object({
  version: z.number().int(),
  status: z.enum(['enabled', 'disabled', 'destroyed']),
  current: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** A superseded version stays readable by services until then. */
  readableUntil: z.string().nullable(),
});

export const secretLogEntrySchema = z.object({
  id: z.uuid(),
  secretId: z.uuid().nullable(),
  version: z.number().int().nullable(),
  action: z.string(),
  outcome: z.enum(['success', 'denied', 'failed']),
  actorType: z.string(),
  actorId: z.string(),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
  occurredAt: z.string(),
});

export type SecretSummary = z.infer<typeof secretSummarySchema>;
export type SecretVersionView = z.infer<typeof secretVersionSchema>;
export type SecretLogEntry = z.infer<typeof secretLogEntrySchema>;

const secretId = z.object({ id: z.uuid() }).strict();
const rotationIntervalDays = z.number().int().min(1).max(3650);
const overlapHours = z
  .number()
  .int()
  .min(0)
  .max(24 * 90);
/** Who receives the expiry notices; null clears it. */
const notifyEmail = z.email().max(254).nullable();

export const createSecret = defineRequest({
  subject: 'compliance.vault.secrets.create',
  version: 1,
  request: z
    .object({
      name: secretNameSchema,
      description: z.string().max(2000).default(''),
      ownerService: serviceIdentity,
      tags: z.array(z.string().min(1).max(64)).max(50).default([]),
      allowedServices: z.array(serviceIdentity).max(100).default([]),
      /** Absent: generated with `generator`. */
      value: secretValue.optional(),
      rotationSource: z.enum(['generated', 'supplied', 'external']).default('generated'),
      generator: secretGeneratorSchema.default({
        length: 40,
        alphabet: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
      }),
      rotationIntervalDays: rotationIntervalDays.nullable().default(null),
      expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
      overlapHours: overlapHours.default(24),
      notifyEmail: notifyEmail.default(null),
    })
    .strict(),
  response: secretSummarySchema,
});

export const listSecrets = defineRequest({
  subject: 'compliance.vault.secrets.list',
  version: 1,
  request: pageQuerySchema,
  response: pageSchema(secretSummarySchema),
});

export const getSecret = defineRequest({
  subject: 'compliance.vault.secrets.get',
  version: 1,
  request: secretId,
  response: secretSummarySchema,
});

export const updateSecret = defineRequest({
  subject: 'compliance.vault.secrets.update',
  version: 1,
  request: z
    .object({
      id: z.uuid(),
      description: z.string().max(2000).optional(),
      ownerService: serviceIdentity.optional(),
      tags: z.array(z.string().min(1).max(64)).max(50).optional(),
      allowedServices: z.array(serviceIdentity).max(100).optional(),
      rotationSource: z.enum(['generated', 'supplied', 'external']).optional(),
      generator: secretGeneratorSchema.optional(),
      rotationIntervalDays: rotationIntervalDays.nullable().optional(),
      expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
      overlapHours: overlapHours.optional(),
      notifyEmail: notifyEmail.optional(),
    })
    .strict(),
  response: secretSummarySchema,
});

export const deleteSecret = defineRequest({
  subject: 'compliance.vault.secrets.delete',
  version: 1,
  request: secretId,
  response: z.object({ id: z.uuid(), deleted: z.literal(true) }),
});

export const rotateSecret = defineRequest({
  subject: 'compliance.vault.secrets.rotate',
  version: 1,
  request: z.object({ id: z.uuid(), value: secretValue.optional() }).strict(),
  response: z.object({
    /** `requested`: the owning module was asked for the new value by an event. */
    outcome: z.enum(['rotated', 'requested']),
    secret: secretSummarySchema,
  }),
});

export const revealSecret = defineRequest({
  subject: 'compliance.vault.secrets.reveal',
  version: 1,
  request: z
    .object({
      id: z.uuid(),
      reason: z.string().trim().min(3).max(500),
      version: z.number().int().min(1).optional(),
    })
    .strict(),
  response: z.object({
    id: z.uuid(),
    name: z.string(),
    version: z.number().int(),
    value: z.string(),
  }),
});

export const listSecretVersions = defineRequest({
  subject: 'compliance.vault.versions.list',
  version: 1,
  request: secretId,
  response: z.object({ items: z.array(secretVersionSchema) }),
});

export const rollbackSecret = defineRequest({
  subject: 'compliance.vault.secrets.rollback',
  version: 1,
  request: z.object({ id: z.uuid(), toVersion: z.number().int().min(1) }).strict(),
  response: secretSummarySchema,
});

export const changeSecretVersion = defineRequest({
  subject: 'compliance.vault.versions.change',
  version: 1,
  request: z
    .object({
      id: z.uuid(),
      version: z.number().int().min(1),
      /** `destroyed` erases the value for good. */
      status: z.enum(['enabled', 'disabled', 'destroyed']),
    })
    .strict(),
  response: secretVersionSchema,
});

export const listSecretLogs = defineRequest({
  subject: 'compliance.vault.logs.list',
  version: 1,
  request: pageQuerySchema.extend({ secretId: z.uuid().optional() }).strict(),
  response: pageSchema(secretLogEntrySchema),
});

/**
 * How a service reads a secret, with its own identity (`actor.type` `service`). The
 * current version by default; a superseded one only within its overlap window.
 */
export const readSecret = defineRequest({
  subject: 'compliance.vault.secrets.read',
  version: 1,
  request: z
    .object({ name: secretNameSchema, version: z.number().int().min(1).optional() })
    .strict(),
  response: z.object({
    secretId: z.uuid(),
    name: z.string(),
    version: z.number().int(),
    value: z.string(),
    expiresAt: z.string().nullable(),
  }),
});

/**
 * How the owning module answers a rotation request: a request, not an event, so the value
 * never rests in a durable stream.
 */
export const supplySecretValue = defineRequest({
  subject: 'compliance.vault.secrets.supply',
  version: 1,
  request: z.object({ name: secretNameSchema, value: secretValue }).strict(),
  response: z.object({ secretId: z.uuid(), version: z.number().int() }),
});

export const secretRotated = defineEvent({
  subject: 'compliance.events.vault.secret.rotated',
  version: 1,
  payload: z
    .object({
      companyId: z.uuid(),
      secretId: z.uuid(),
      name: z.string(),
      version: z.number().int(),
      previousVersion: z.number().int().nullable(),
      /** Until then the previous version stays readable. */
      previousReadableUntil: z.string().nullable(),
    })
    .strict(),
});

export const secretRotationRequested = defineEvent({
  subject: 'compliance.events.vault.secret.rotation-requested',
  version: 1,
  payload: z
    .object({
      companyId: z.uuid(),
      secretId: z.uuid(),
      name: z.string(),
      ownerService: z.string(),
      requestedAt: z.string(),
    })
    .strict(),
});

export const secretExpiring = defineEvent({
  subject: 'compliance.events.vault.secret.expiring',
  version: 1,
  payload: z
    .object({
      companyId: z.uuid(),
      secretId: z.uuid(),
      name: z.string(),
      expiresAt: z.string(),
      /** The warning threshold crossed: 30, 7 or 1 days before expiry. */
      daysBefore: z.number().int(),
    })
    .strict(),
});
