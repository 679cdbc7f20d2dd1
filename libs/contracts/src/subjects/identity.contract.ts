import { z } from 'zod';

import { defineEvent } from '../core/contract';

/**
 * What the CRM's identity module reports about its users. The company is the sender's
 * (from the envelope's context); every time is the identity module's own, so replaying
 * the same events always yields the same projection, whenever they are handled.
 */
const userId = z.string().min(1).max(256);
const role = z.string().min(1).max(128);
const at = z.iso.datetime({ offset: true });

export const identityUserCreated = defineEvent({
  subject: 'compliance.events.identity.user-created',
  version: 1,
  payload: z
    .object({
      userId,
      email: z.email().max(320).optional(),
      managerId: userId.nullable().optional(),
      createdAt: at,
    })
    .strict(),
});

export const identityUserDeactivated = defineEvent({
  subject: 'compliance.events.identity.user-deactivated',
  version: 1,
  payload: z.object({ userId, deactivatedAt: at }).strict(),
});

/** A login, or any activity the module sees; `roles` names the roles the user exercised. */
export const identityUserActive = defineEvent({
  subject: 'compliance.events.identity.user-active',
  version: 1,
  payload: z
    .object({
      userId,
      kind: z.enum(['login', 'activity']),
      at,
      roles: z.array(role).max(100).default([]),
    })
    .strict(),
});

export const identityRoleGranted = defineEvent({
  subject: 'compliance.events.identity.role-granted',
  version: 1,
  payload: z.object({ userId, role, grantedBy: userId, grantedAt: at }).strict(),
});

export const identityRoleRevoked = defineEvent({
  subject: 'compliance.events.identity.role-revoked',
  version: 1,
  payload: z.object({ userId, role, revokedBy: userId, revokedAt: at }).strict(),
});

export const identityManagerSet = defineEvent({
  subject: 'compliance.events.identity.manager-set',
  version: 1,
  payload: z.object({ userId, managerId: userId.nullable(), setAt: at }).strict(),
});

/**
 * The identity module's answer to a revocation command: `commandId` is the command's
 * own id. `failed` leaves the revocation visible as not done, with the module's reason.
 */
export const identityRoleRevocationConfirmed = defineEvent({
  subject: 'compliance.events.identity.role-revocation-confirmed',
  version: 1,
  payload: z
    .object({
      commandId: z.uuid(),
      userId,
      role,
      outcome: z.enum(['revoked', 'failed']),
      reason: z.string().max(500).optional(),
      confirmedAt: at,
    })
    .strict(),
});
