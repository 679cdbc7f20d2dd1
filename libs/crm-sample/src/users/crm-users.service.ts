import {
  AuthContext,
  identityRoleGranted,
  identityUserActive,
  identityUserCreated,
  ServiceError,
} from '@compliance/contracts';
import { addToOutbox, OutboxRelay } from '@compliance/messaging';
import { DataSource } from 'typeorm';

import { CRM_SCHEMA } from '../migrations/crm.migrations';
import { crmUsersQueries } from './crm-users.queries';

export interface NewCrmUser {
  displayName: string;
  role: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type UserActivityKind = 'login' | 'activity';

/**
 * The CRM's own users, and what access reviews learn of them: each creation, role and
 * login or action goes out as an identity event in the same transaction as the change.
 */
export class CrmUsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(auth: AuthContext, user: NewCrmUser): Promise<string> {
    const userId = await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<{ id: string; created_at: Date }[]>(
        crmUsersQueries.insertUser,
        [auth.companyId, user.displayName, user.role],
      );
      const createdAt = new Date(row.created_at).toISOString();

      await addToOutbox(
        manager,
        CRM_SCHEMA,
        identityUserCreated,
        { userId: row.id, createdAt },
        auth,
      );
      await addToOutbox(
        manager,
        CRM_SCHEMA,
        identityRoleGranted,
        { userId: row.id, role: user.role, grantedBy: auth.actor.id, grantedAt: createdAt },
        auth,
      );
      return row.id;
    });

    this.relay?.nudge();
    return userId;
  }

  /** A login or an action of a user of the caller's company; another company's is a 404. */
  async recordActivity(auth: AuthContext, userId: string, kind: UserActivityKind): Promise<void> {
    const at = this.now();

    if (!UUID.test(userId)) {
      throw ServiceError.notFound('user');
    }

    await this.dataSource.transaction(async (manager) => {
      const [rows] = await manager.query<[{ role: string }[], number]>(crmUsersQueries.touchUser, [
        auth.companyId,
        userId,
        at,
      ]);

      if (rows.length === 0) {
        throw ServiceError.notFound('user');
      }

      await addToOutbox(
        manager,
        CRM_SCHEMA,
        identityUserActive,
        { userId, kind, at: at.toISOString(), roles: [rows[0].role] },
        auth,
      );
    });

    this.relay?.nudge();
  }
}
