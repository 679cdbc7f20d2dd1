import { randomUUID } from 'node:crypto';

import { AuthContext } from '@compliance/contracts';
import { FieldEncryption, InjectFieldEncryption } from '@compliance/crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { MARK_SECRET_CURRENT } from '../secrets/secret.queries';
import { SecretRow } from '../secrets/secret-row';
import { actorLabel } from '../support/actor-label';
import { returnedRows } from '../support/sql';
import { valueBinding } from '../support/value-binding';
import { VAULT_SERVICE } from '../support/vault.tokens';
import {
  DEMOTE_CURRENT,
  INSERT_VERSION,
  NEXT_VERSION_NUMBER,
  PROMOTE_VERSION,
} from './version.queries';
import { VersionRow } from './version-row';

export interface SealedValue {
  versionId: string;
  ciphertext: string;
}

export interface NewCurrentVersion {
  secret: SecretRow;
  version: number;
  previousVersion: number | null;
  previousReadableUntil: Date | null;
}

/**
 * Adds an immutable version and makes it current. The caller holds the secret's row lock,
 * so version numbers never collide, and runs it in one transaction with the demotion of
 * the old version: a crash leaves the old version current or the new one, never neither.
 */
@Injectable()
export class VersionWriter {
  constructor(@InjectFieldEncryption(VAULT_SERVICE) private readonly encryption: FieldEncryption) {}

  /** Sealed before the transaction, so no lock waits on the key provider. */
  async seal(companyId: string, value: string): Promise<SealedValue> {
    const versionId = randomUUID();
    const ciphertext = await this.encryption.encrypt(value, valueBinding(companyId, versionId));

    return { versionId, ciphertext };
  }

  async open(row: VersionRow): Promise<string> {
    return this.encryption.decrypt(
      row.value_ciphertext ?? '',
      valueBinding(row.company_id, row.id),
    );
  }

  async appendCurrent(
    manager: EntityManager,
    secret: SecretRow,
    sealed: SealedValue,
    auth: AuthContext,
  ): Promise<NewCurrentVersion> {
    const [{ next }] = await manager.query<{ next: number }[]>(NEXT_VERSION_NUMBER, [secret.id]);

    await manager.query(INSERT_VERSION, [
      sealed.versionId,
      secret.id,
      secret.company_id,
      next,
      sealed.ciphertext,
      actorLabel(auth),
    ]);

    return this.makeCurrent(manager, secret, next);
  }

  /** Demotes the current version (readable for the overlap window) and promotes `version`. */
  async makeCurrent(
    manager: EntityManager,
    secret: SecretRow,
    version: number,
  ): Promise<NewCurrentVersion> {
    const readableUntil = new Date(Date.now() + secret.overlap_hours * 3_600_000);
    const demoted = returnedRows<{ version: number }>(
      await manager.query(DEMOTE_CURRENT, [secret.id, readableUntil]),
    );
    const promoted = returnedRows<VersionRow>(
      await manager.query(PROMOTE_VERSION, [secret.id, version]),
    );

    if (promoted.length !== 1) {
      throw new Error('the version to make current is missing or not enabled');
    }

    const [updated] = returnedRows<SecretRow>(
      await manager.query(MARK_SECRET_CURRENT, [secret.id, version]),
    );

    return {
      secret: updated,
      version,
      previousVersion: demoted[0]?.version ?? null,
      previousReadableUntil: demoted.length > 0 ? readableUntil : null,
    };
  }
}
