import { assertNoPersonalData } from '@compliance/audit';
import { AuthContext, hasScope, ServiceError } from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { SELECT_SECRET, SELECT_SECRET_BY_NAME } from '../secrets/secret.queries';
import { SecretRow } from '../secrets/secret-row';
import { VAULT_DATA_SOURCE } from '../support/vault.tokens';
import { SELECT_CURRENT_VERSION, SELECT_VERSION } from '../versions/version.queries';
import { VersionWriter } from '../versions/version.writer';
import { VersionRow } from '../versions/version-row';
import { recordSecretAccess, SecretAccess } from './secret-access.recorder';

export interface RevealedValue {
  id: string;
  name: string;
  version: number;
  value: string;
}

/**
 * The only ways a value leaves the vault: a person's reveal, with the `secrets:reveal`
 * scope and a reason, and a service's read, as an identity the secret allows. Every
 * attempt is logged; a value is returned only after its access is committed to the log.
 */
@Injectable()
export class SecretAccessService {
  private readonly logger = createLogger(SecretAccessService.name);

  constructor(
    @Inject(VAULT_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly versions: VersionWriter,
  ) {}

  async reveal(
    id: string,
    reason: string,
    version: number | undefined,
    auth: AuthContext,
  ): Promise<RevealedValue> {
    // The scope is checked here rather than at the gateway so a refusal is logged too.
    if (!hasScope(auth.scopes, 'secrets:reveal')) {
      await this.logged(auth, {
        secretId: id,
        version: version ?? null,
        action: 'reveal',
        outcome: 'denied',
        reason,
      });
      throw new ServiceError('forbidden', 'the secrets:reveal scope is required');
    }

    assertReasonStorable(reason, auth);
    const [secret] = await this.dataSource.query<SecretRow[]>(SELECT_SECRET, [id, auth.companyId]);

    if (!secret) {
      throw ServiceError.notFound('secret');
    }

    const row = await this.readableVersion(secret, version, 'person');
    const value = await this.versions.open(row);

    await this.logged(auth, {
      secretId: secret.id,
      version: row.version,
      action: 'reveal',
      outcome: 'success',
      reason,
    });
    this.logger.info({ secretId: secret.id, version: row.version }, 'secret revealed');

    return { id: secret.id, name: secret.name, version: row.version, value };
  }

  /** A service reads by name; a superseded version only within its overlap window. */
  async read(
    name: string,
    version: number | undefined,
    auth: AuthContext,
  ): Promise<RevealedValue & { expiresAt: string | null }> {
    const [secret] = await this.dataSource.query<SecretRow[]>(SELECT_SECRET_BY_NAME, [
      auth.companyId,
      name,
    ]);

    if (!secret) {
      throw ServiceError.notFound('secret');
    }

    if (auth.actor.type !== 'service' || !secret.allowed_services.includes(auth.actor.id)) {
      await this.logged(auth, {
        secretId: secret.id,
        version: version ?? null,
        action: 'read',
        outcome: 'denied',
      });
      throw new ServiceError('forbidden', 'this identity may not read the secret');
    }

    const row = await this.readableVersion(secret, version, 'service');
    const value = await this.versions.open(row);

    await this.logged(auth, {
      secretId: secret.id,
      version: row.version,
      action: 'read',
      outcome: 'success',
    });

    return {
      id: secret.id,
      name: secret.name,
      version: row.version,
      value,
      expiresAt: secret.expires_at?.toISOString() ?? null,
    };
  }

  private async readableVersion(
    secret: SecretRow,
    version: number | undefined,
    reader: 'person' | 'service',
  ): Promise<VersionRow> {
    const [row] =
      version === undefined
        ? await this.dataSource.query<VersionRow[]>(SELECT_CURRENT_VERSION, [secret.id])
        : await this.dataSource.query<VersionRow[]>(SELECT_VERSION, [secret.id, version]);

    if (!row || row.status === 'destroyed') {
      throw ServiceError.notFound('secret version');
    }

    if (row.status === 'disabled') {
      throw new ServiceError('conflict', `version ${row.version} is disabled`);
    }

    const inOverlap = row.readable_until !== null && row.readable_until.getTime() > Date.now();

    if (reader === 'service' && !row.is_current && !inOverlap) {
      throw new ServiceError('conflict', `version ${row.version} is past its overlap window`);
    }

    return row;
  }

  /** No unlogged access: if the log cannot be written, nothing is returned. */
  private async logged(auth: AuthContext, access: SecretAccess): Promise<void> {
    try {
      await this.dataSource.transaction((manager) => recordSecretAccess(manager, auth, access));
    } catch (error) {
      this.logger.error(
        { err: error, secretId: access.secretId, action: access.action },
        'secret access could not be logged; access refused',
      );
      throw new ServiceError('service_unavailable', 'the access could not be logged; try again');
    }
  }
}

/** The reason goes into the append-only audit trail, so it must not name a person. */
function assertReasonStorable(reason: string, auth: AuthContext): void {
  try {
    assertNoPersonalData({
      companyId: auth.companyId,
      actor: auth.actor,
      action: 'secret.reveal',
      resourceType: 'secret',
      outcome: 'success',
      details: { reason },
    });
  } catch {
    throw ServiceError.badRequest('the reason must not contain personal data', [
      { path: 'reason', message: 'no e-mail addresses or other personal data' },
    ]);
  }
}
