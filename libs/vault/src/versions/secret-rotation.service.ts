import {
  AuthContext,
  SecretSummary,
  SecretVersionView,
  secretRotated,
  secretRotationRequested,
  ServiceError,
} from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { addToOutbox, OutboxRelay } from '@compliance/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { recordSecretAccess } from '../access/secret-access.recorder';
import { VAULT_SCHEMA } from '../migrations/vault.migrations';
import { MARK_ROTATION_REQUESTED, SELECT_SECRET_BY_NAME } from '../secrets/secret.queries';
import { SecretRow, toSecretSummary } from '../secrets/secret-row';
import { SecretsService } from '../secrets/secrets.service';
import { returnedRows } from '../support/sql';
import { generateSecretValue } from '../support/value-generator';
import { VAULT_DATA_SOURCE, VAULT_OUTBOX } from '../support/vault.tokens';
import { DESTROY_VERSION, SELECT_VERSION, SET_VERSION_STATUS } from './version.queries';
import { NewCurrentVersion, SealedValue, VersionWriter } from './version.writer';
import { toVersionView, VersionRow } from './version-row';

export interface RotationOutcome {
  outcome: 'rotated' | 'requested';
  secret: SecretSummary;
}

/**
 * New versions (generated, supplied, or asked of the owning module), rollback, and
 * disabling or destroying a version. Each change locks the secret's row for its one
 * transaction, so two rotations at once make two versions, one after the other.
 */
@Injectable()
export class SecretRotationService {
  private readonly logger = createLogger(SecretRotationService.name);

  constructor(
    @Inject(VAULT_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(VAULT_OUTBOX) private readonly outbox: OutboxRelay,
    private readonly secrets: SecretsService,
    private readonly versions: VersionWriter,
  ) {}

  async rotate(id: string, value: string | undefined, auth: AuthContext): Promise<RotationOutcome> {
    const secret = await this.secrets.find(this.dataSource.manager, id, auth);

    if (value === undefined && secret.rotation_source === 'external') {
      return { outcome: 'requested', secret: await this.requestFromOwner(id, auth) };
    }

    if (value === undefined && secret.rotation_source === 'supplied') {
      throw ServiceError.badRequest('this secret rotates to a supplied value', [
        { path: 'value', message: 'required: the secret is not generated' },
      ]);
    }

    const sealed = await this.versions.seal(
      auth.companyId,
      value ?? generateSecretValue(secret.generator_length, secret.generator_alphabet),
    );
    const rotated = await this.dataSource.transaction(async (manager) => {
      const locked = await this.secrets.find(manager, id, auth, true);
      return this.appendAndAnnounce(manager, locked, sealed, auth, 'rotate');
    });

    this.outbox.nudge();
    return { outcome: 'rotated', secret: toSecretSummary(rotated.secret) };
  }

  /** The owning module answers a rotation request with the new value, as itself. */
  async supply(
    name: string,
    value: string,
    auth: AuthContext,
  ): Promise<{ secretId: string; version: number }> {
    const [secret] = await this.dataSource.query<SecretRow[]>(SELECT_SECRET_BY_NAME, [
      auth.companyId,
      name,
    ]);

    if (!secret) {
      throw ServiceError.notFound('secret');
    }

    if (auth.actor.type !== 'service' || auth.actor.id !== secret.owner_service) {
      await this.recordDenied(secret.id, 'supply', auth);
      throw new ServiceError('forbidden', 'only the owning service supplies this secret');
    }

    const sealed = await this.versions.seal(auth.companyId, value);
    const rotated = await this.dataSource.transaction(async (manager) => {
      const locked = await this.secrets.find(manager, secret.id, auth, true);
      return this.appendAndAnnounce(manager, locked, sealed, auth, 'supply');
    });

    this.outbox.nudge();
    return { secretId: secret.id, version: rotated.version };
  }

  /** Makes an earlier enabled version current again; the outgoing one gets its overlap. */
  async rollback(id: string, toVersion: number, auth: AuthContext): Promise<SecretSummary> {
    const result = await this.dataSource.transaction(async (manager) => {
      const secret = await this.secrets.find(manager, id, auth, true);
      const target = await this.version(manager, secret.id, toVersion);

      if (target.is_current) {
        throw new ServiceError('conflict', `version ${toVersion} is already current`);
      }

      if (target.status !== 'enabled') {
        throw new ServiceError('conflict', `version ${toVersion} is ${target.status}`);
      }

      const changed = await this.versions.makeCurrent(manager, secret, toVersion);
      await recordSecretAccess(manager, auth, {
        secretId: secret.id,
        version: toVersion,
        action: 'rollback',
        outcome: 'success',
        details: { fromVersion: changed.previousVersion },
      });
      await this.announce(manager, changed, auth);

      return changed;
    });

    this.outbox.nudge();
    return toSecretSummary(result.secret);
  }

  /** Disables, re-enables or destroys a version other than the current one. */
  async changeVersion(
    id: string,
    version: number,
    status: 'enabled' | 'disabled' | 'destroyed',
    auth: AuthContext,
  ): Promise<SecretVersionView> {
    return this.dataSource.transaction(async (manager) => {
      const secret = await this.secrets.find(manager, id, auth, true);
      const target = await this.version(manager, secret.id, version);

      if (target.is_current) {
        throw new ServiceError('conflict', 'the current version cannot be changed; rotate first');
      }

      if (target.status === 'destroyed') {
        throw new ServiceError('conflict', `version ${version} is destroyed`);
      }

      const [changed] = returnedRows<VersionRow>(
        status === 'destroyed'
          ? await manager.query(DESTROY_VERSION, [secret.id, version])
          : await manager.query(SET_VERSION_STATUS, [secret.id, version, status]),
      );

      await recordSecretAccess(manager, auth, {
        secretId: secret.id,
        version,
        action: 'version-change',
        outcome: 'success',
        details: { status },
      });

      return toVersionView(changed);
    });
  }

  private async requestFromOwner(id: string, auth: AuthContext): Promise<SecretSummary> {
    const requested = await this.dataSource.transaction(async (manager) => {
      await this.secrets.find(manager, id, auth, true);
      const [secret] = returnedRows<SecretRow>(await manager.query(MARK_ROTATION_REQUESTED, [id]));

      await recordSecretAccess(manager, auth, {
        secretId: secret.id,
        version: null,
        action: 'rotation-request',
        outcome: 'success',
      });
      await addToOutbox(
        manager,
        VAULT_SCHEMA,
        secretRotationRequested,
        {
          companyId: secret.company_id,
          secretId: secret.id,
          name: secret.name,
          ownerService: secret.owner_service,
          requestedAt: (secret.rotation_requested_at ?? new Date()).toISOString(),
        },
        auth,
      );

      return secret;
    });

    this.outbox.nudge();
    this.logger.info({ secretId: id, ownerService: requested.owner_service }, 'rotation requested');
    return toSecretSummary(requested);
  }

  private async appendAndAnnounce(
    manager: EntityManager,
    secret: SecretRow,
    sealed: SealedValue,
    auth: AuthContext,
    action: 'rotate' | 'supply',
  ): Promise<NewCurrentVersion> {
    const rotated = await this.versions.appendCurrent(manager, secret, sealed, auth);

    await recordSecretAccess(manager, auth, {
      secretId: secret.id,
      version: rotated.version,
      action,
      outcome: 'success',
      details: { previousVersion: rotated.previousVersion },
    });
    await this.announce(manager, rotated, auth);

    this.logger.info({ secretId: secret.id, version: rotated.version }, 'secret rotated');
    return rotated;
  }

  private async announce(
    manager: EntityManager,
    changed: NewCurrentVersion,
    auth: AuthContext,
  ): Promise<void> {
    await addToOutbox(
      manager,
      VAULT_SCHEMA,
      secretRotated,
      {
        companyId: changed.secret.company_id,
        secretId: changed.secret.id,
        name: changed.secret.name,
        version: changed.version,
        previousVersion: changed.previousVersion,
        previousReadableUntil: changed.previousReadableUntil?.toISOString() ?? null,
      },
      auth,
    );
  }

  private async version(
    manager: EntityManager,
    secretId: string,
    version: number,
  ): Promise<VersionRow> {
    const [row] = await manager.query<VersionRow[]>(SELECT_VERSION, [secretId, version]);

    if (!row) {
      throw ServiceError.notFound('secret version');
    }

    return row;
  }

  private async recordDenied(secretId: string, action: 'supply', auth: AuthContext): Promise<void> {
    await this.dataSource.transaction((manager) =>
      recordSecretAccess(manager, auth, { secretId, version: null, action, outcome: 'denied' }),
    );
  }
}
