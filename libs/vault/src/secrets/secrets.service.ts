import { randomUUID } from 'node:crypto';

import {
  AuthContext,
  createSecret,
  Page,
  PageQuery,
  RequestOf,
  SecretSummary,
  SecretVersionView,
  ServiceError,
  updateSecret,
} from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { recordSecretAccess } from '../access/secret-access.recorder';
import { isUniqueViolation, returnedRows } from '../support/sql';
import { generateSecretValue } from '../support/value-generator';
import { VAULT_DATA_SOURCE } from '../support/vault.tokens';
import { DESTROY_ALL_VERSIONS, LIST_VERSIONS } from '../versions/version.queries';
import { VersionWriter } from '../versions/version.writer';
import { toVersionView, VersionRow } from '../versions/version-row';
import { NotifyEmailSealer } from './notify-email.sealer';
import {
  COUNT_SECRETS,
  INSERT_SECRET,
  LIST_SECRETS,
  LOCK_SECRET,
  SELECT_SECRET,
  SOFT_DELETE_SECRET,
  UPDATE_SECRET,
} from './secret.queries';
import { SecretRow, toSecretSummary } from './secret-row';

/** Secrets as records: create, list, read and change their settings, delete. No values out. */
@Injectable()
export class SecretsService {
  private readonly logger = createLogger(SecretsService.name);

  constructor(
    @Inject(VAULT_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly versions: VersionWriter,
    private readonly notifyEmails: NotifyEmailSealer,
  ) {}

  async create(input: RequestOf<typeof createSecret>, auth: AuthContext): Promise<SecretSummary> {
    if (input.value === undefined && input.rotationSource !== 'generated') {
      throw ServiceError.badRequest('a supplied or external secret needs its first value', [
        { path: 'value', message: 'required unless rotationSource is generated' },
      ]);
    }

    const value =
      input.value ?? generateSecretValue(input.generator.length, input.generator.alphabet);
    const sealed = await this.versions.seal(auth.companyId, value);
    const secretId = randomUUID();
    const notifyEmail = input.notifyEmail
      ? await this.notifyEmails.seal(auth.companyId, secretId, input.notifyEmail)
      : null;

    try {
      const created = await this.dataSource.transaction(async (manager) => {
        const [secret] = await manager.query<SecretRow[]>(INSERT_SECRET, [
          auth.companyId,
          input.name,
          input.description,
          input.ownerService,
          input.tags,
          input.allowedServices,
          input.rotationSource,
          input.generator.length,
          input.generator.alphabet,
          input.rotationIntervalDays,
          input.expiresAt,
          input.overlapHours,
          secretId,
          notifyEmail,
        ]);
        const first = await this.versions.appendCurrent(manager, secret, sealed, auth);

        await recordSecretAccess(manager, auth, {
          secretId: secret.id,
          version: first.version,
          action: 'create',
          outcome: 'success',
        });

        return first.secret;
      });

      this.logger.info({ secretId: created.id, companyId: auth.companyId }, 'secret created');
      return toSecretSummary(created);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ServiceError('conflict', 'a secret with this name already exists', [
          { path: 'name', message: 'must be unique within the company' },
        ]);
      }

      throw error;
    }
  }

  async list(query: PageQuery, auth: AuthContext): Promise<Page<SecretSummary>> {
    const rows = await this.dataSource.query<(SecretRow & { total: string })[]>(LIST_SECRETS, [
      auth.companyId,
      query.limit,
      query.offset,
    ]);
    const total = rows.length > 0 ? Number(rows[0].total) : await this.count(auth.companyId);

    return { items: rows.map(toSecretSummary), total, ...query };
  }

  async get(id: string, auth: AuthContext): Promise<SecretSummary> {
    return toSecretSummary(await this.find(this.dataSource.manager, id, auth));
  }

  async update(input: RequestOf<typeof updateSecret>, auth: AuthContext): Promise<SecretSummary> {
    // Sealed before the row lock is taken, as values are. Another company's id seals an
    // address that is never stored: the lookup below answers not found.
    const notifyEmail = input.notifyEmail
      ? await this.notifyEmails.seal(auth.companyId, input.id, input.notifyEmail)
      : null;
    const updated = await this.dataSource.transaction(async (manager) => {
      const current = await this.find(manager, input.id, auth, true);
      const generator = input.generator ?? {
        length: current.generator_length,
        alphabet: current.generator_alphabet,
      };
      const [row] = returnedRows<SecretRow>(
        await manager.query(UPDATE_SECRET, [
          current.id,
          auth.companyId,
          input.description ?? current.description,
          input.ownerService ?? current.owner_service,
          input.tags ?? current.tags,
          input.allowedServices ?? current.allowed_services,
          input.rotationSource ?? current.rotation_source,
          generator.length,
          generator.alphabet,
          input.rotationIntervalDays === undefined
            ? current.rotation_interval_days
            : input.rotationIntervalDays,
          input.expiresAt === undefined ? current.expires_at : input.expiresAt,
          input.overlapHours ?? current.overlap_hours,
          input.notifyEmail !== undefined,
          notifyEmail,
        ]),
      );

      await recordSecretAccess(manager, auth, {
        secretId: row.id,
        version: null,
        action: 'update',
        outcome: 'success',
        details: { changed: Object.keys(input).filter((key) => key !== 'id') },
      });

      return row;
    });

    return toSecretSummary(updated);
  }

  /** The secret disappears and every version's value is destroyed; its log stays. */
  async remove(id: string, auth: AuthContext): Promise<{ id: string; deleted: true }> {
    await this.dataSource.transaction(async (manager) => {
      const secret = await this.find(manager, id, auth, true);

      await manager.query(DESTROY_ALL_VERSIONS, [secret.id]);
      await manager.query(SOFT_DELETE_SECRET, [secret.id, auth.companyId]);
      await recordSecretAccess(manager, auth, {
        secretId: secret.id,
        version: null,
        action: 'delete',
        outcome: 'success',
      });
    });

    this.logger.info({ secretId: id, companyId: auth.companyId }, 'secret deleted');
    return { id, deleted: true };
  }

  async listVersions(id: string, auth: AuthContext): Promise<{ items: SecretVersionView[] }> {
    const secret = await this.find(this.dataSource.manager, id, auth);
    const rows = await this.dataSource.query<VersionRow[]>(LIST_VERSIONS, [secret.id]);

    return { items: rows.map(toVersionView) };
  }

  /** Another company's secret is not found: its existence is not revealed. */
  async find(
    manager: EntityManager,
    id: string,
    auth: AuthContext,
    lock = false,
  ): Promise<SecretRow> {
    const [row] = await manager.query<SecretRow[]>(lock ? LOCK_SECRET : SELECT_SECRET, [
      id,
      auth.companyId,
    ]);

    if (!row) {
      throw ServiceError.notFound('secret');
    }

    return row;
  }

  private async count(companyId: string): Promise<number> {
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(COUNT_SECRETS, [
      companyId,
    ]);
    return total;
  }
}
