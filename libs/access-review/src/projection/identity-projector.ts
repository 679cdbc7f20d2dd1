import {
  identityManagerSet,
  identityRoleGranted,
  identityRoleRevoked,
  identityUserActive,
  identityUserCreated,
  identityUserDeactivated,
  PayloadOf,
} from '@compliance/contracts';
import { EntityManager } from 'typeorm';

import {
  UPSERT_MANAGER_SET,
  UPSERT_ROLE_GRANTED,
  UPSERT_ROLE_REVOKED,
  UPSERT_ROLES_USED,
  UPSERT_USER_ACTIVE,
  UPSERT_USER_CREATED,
  UPSERT_USER_DEACTIVATED,
} from './identity-projection.queries';

/** Folds identity events into the company's projection, inside the caller's transaction. */
export const identityProjector = {
  /** `sealedEmail` is the event's address already encrypted; the clear one is never stored. */
  async userCreated(
    manager: EntityManager,
    companyId: string,
    event: PayloadOf<typeof identityUserCreated>,
    sealedEmail: string | null = null,
  ): Promise<void> {
    await manager.query(UPSERT_USER_CREATED, [
      companyId,
      event.userId,
      sealedEmail,
      event.createdAt,
    ]);

    // A manager named at creation is an assignment like any other, at the creation time.
    if (event.managerId !== undefined) {
      await manager.query(UPSERT_MANAGER_SET, [
        companyId,
        event.userId,
        event.managerId,
        event.createdAt,
      ]);
    }
  },

  async userDeactivated(
    manager: EntityManager,
    companyId: string,
    event: PayloadOf<typeof identityUserDeactivated>,
  ): Promise<void> {
    await manager.query(UPSERT_USER_DEACTIVATED, [companyId, event.userId, event.deactivatedAt]);
  },

  async userActive(
    manager: EntityManager,
    companyId: string,
    event: PayloadOf<typeof identityUserActive>,
  ): Promise<void> {
    await manager.query(UPSERT_USER_ACTIVE, [companyId, event.userId, event.at]);

    if (event.roles.length > 0) {
      await manager.query(UPSERT_ROLES_USED, [companyId, event.userId, event.roles, event.at]);
    }
  },

  async roleGranted(
    manager: EntityManager,
    companyId: string,
    event: PayloadOf<typeof identityRoleGranted>,
  ): Promise<void> {
    await manager.query(UPSERT_ROLE_GRANTED, [
      companyId,
      event.userId,
      event.role,
      event.grantedAt,
      event.grantedBy,
    ]);
  },

  async roleRevoked(
    manager: EntityManager,
    companyId: string,
    event: Pick<PayloadOf<typeof identityRoleRevoked>, 'userId' | 'role' | 'revokedAt'>,
  ): Promise<void> {
    await manager.query(UPSERT_ROLE_REVOKED, [
      companyId,
      event.userId,
      event.role,
      event.revokedAt,
    ]);
  },

  async managerSet(
    manager: EntityManager,
    companyId: string,
    event: PayloadOf<typeof identityManagerSet>,
  ): Promise<void> {
    await manager.query(UPSERT_MANAGER_SET, [
      companyId,
      event.userId,
      event.managerId,
      event.setAt,
    ]);
  },
};
