import {
  AuthContext,
  PolicyChange,
  policyApplied,
  PolicyVersionView,
  RequestOf,
  ServiceError,
  updatePolicy,
} from '@compliance/contracts';
import { addToOutbox, OutboxRelay } from '@compliance/messaging';
import { dataSourceToken, outboxRelayToken } from '@compliance/platform';
import { PolicyDocument, validatePolicy } from '@compliance/policy-engine';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { POLICY_SCHEMA } from '../migrations/policy.migrations';
import { PolicyEntity } from '../policies/policy.entity';
import { toPolicyDetail } from '../policies/policy.mapper';
import { PolicyVersionEntity } from '../policies/policy-version.entity';
import { syncResidencyFromPolicy } from '../residency/residency-sync';
import { diffDocuments } from './document-diff';
import { logPolicyChange } from './policy-log.writer';

type ActiveDetail = ReturnType<typeof toPolicyDetail> & { activeVersion: number | null };

/**
 * Versions are immutable: an edit adds a draft version, `apply` makes one active and
 * announces it, `rollback` re-activates an old document as a new version. Each change is
 * one transaction with its log entry, its audit entry and its event.
 */
@Injectable()
export class PolicyLifecycleService {
  constructor(
    @Inject(dataSourceToken('policy')) private readonly dataSource: DataSource,
    @Inject(outboxRelayToken('policy')) private readonly outbox: OutboxRelay,
  ) {}

  async update(input: RequestOf<typeof updatePolicy>, auth: AuthContext): Promise<ActiveDetail> {
    return this.change(input.id, auth, async (manager, policy) => {
      const previous = await this.document(manager, policy.id, policy.currentVersion);

      if (input.description !== undefined) {
        policy.description = input.description;
      }

      if (input.document === undefined || input.document === previous) {
        await manager.save(policy);
        return this.detail(policy, previous);
      }

      requireValid(input.document);
      policy.currentVersion += 1;
      await this.addVersion(manager, policy, input.document, auth);
      await manager.save(policy);
      await logPolicyChange(
        manager,
        {
          policyId: policy.id,
          action: 'edited',
          version: policy.currentVersion,
          fromVersion: policy.currentVersion - 1,
          changes: diff(previous, input.document),
        },
        auth,
      );
      return this.detail(policy, input.document);
    });
  }

  async apply(id: string, version: number | undefined, auth: AuthContext): Promise<ActiveDetail> {
    return this.change(id, auth, async (manager, policy) => {
      const target = version ?? policy.currentVersion;
      const document = await this.document(manager, id, target);
      const parsed = requireValid(document);
      const before = policy.activeVersion;
      const beforeDocument = before === null ? '' : await this.document(manager, id, before);

      await this.activate(manager, policy, target, parsed, auth);
      await logPolicyChange(
        manager,
        {
          policyId: id,
          action: 'applied',
          version: target,
          fromVersion: before,
          changes: diff(beforeDocument, document),
        },
        auth,
      );
      await this.announce(manager, policy, before, 'apply', auth);
      return this.detail(policy, document);
    });
  }

  /** The old document comes back as a new version: history is never rewritten. */
  async rollback(id: string, toVersion: number, auth: AuthContext): Promise<ActiveDetail> {
    return this.change(id, auth, async (manager, policy) => {
      const document = await this.document(manager, id, toVersion);
      const parsed = requireValid(document);
      const before = policy.activeVersion;
      const beforeDocument = before === null ? '' : await this.document(manager, id, before);

      policy.currentVersion += 1;
      await this.addVersion(manager, policy, document, auth);
      await this.activate(manager, policy, policy.currentVersion, parsed, auth);
      await logPolicyChange(
        manager,
        {
          policyId: id,
          action: 'rolled-back',
          version: policy.currentVersion,
          fromVersion: before,
          changes: diff(beforeDocument, document),
        },
        auth,
      );
      await this.announce(manager, policy, before, 'rollback', auth);
      return this.detail(policy, document);
    });
  }

  async archive(id: string, auth: AuthContext): Promise<{ id: string; status: 'archived' }> {
    await this.change(id, auth, async (manager, policy) => {
      const before = policy.activeVersion;

      policy.status = 'archived';
      policy.activeVersion = null;
      await manager.save(policy);
      await logPolicyChange(
        manager,
        {
          policyId: id,
          action: 'archived',
          version: policy.currentVersion,
          fromVersion: before,
          changes: [],
        },
        auth,
      );
      await this.announce(manager, policy, before, 'archive', auth);
      return this.detail(policy, '');
    });

    return { id, status: 'archived' };
  }

  async versions(id: string, auth: AuthContext): Promise<{ items: PolicyVersionView[] }> {
    const policy = await this.find(this.dataSource.manager, id, auth);
    const versions = await this.dataSource.manager.find(PolicyVersionEntity, {
      where: { policyId: id },
      order: { version: 'ASC' },
    });

    return {
      items: versions.map((version) => ({
        version: version.version,
        createdBy: version.createdBy,
        createdAt: version.createdAt.toISOString(),
        active: version.version === policy.activeVersion,
      })),
    };
  }

  async diff(id: string, from: number, to: number, auth: AuthContext) {
    await this.find(this.dataSource.manager, id, auth);
    const manager = this.dataSource.manager;
    const changes = diff(
      await this.document(manager, id, from),
      await this.document(manager, id, to),
    );

    return { from, to, changes };
  }

  private async change<T>(
    id: string,
    auth: AuthContext,
    work: (manager: EntityManager, policy: PolicyEntity) => Promise<T>,
  ): Promise<T> {
    const result = await this.dataSource.transaction(async (manager) => {
      const policy = await this.find(manager, id, auth, true);

      if (policy.status === 'archived') {
        throw new ServiceError('conflict', 'the policy is archived');
      }
      return work(manager, policy);
    });

    this.outbox.nudge();
    return result;
  }

  private async find(
    manager: EntityManager,
    id: string,
    auth: AuthContext,
    lock = false,
  ): Promise<PolicyEntity> {
    const policy = await manager.findOne(PolicyEntity, {
      where: { id, companyId: auth.companyId },
      lock: lock ? { mode: 'pessimistic_write' } : undefined,
    });

    if (!policy) {
      throw ServiceError.notFound('policy');
    }
    return policy;
  }

  private async document(
    manager: EntityManager,
    policyId: string,
    version: number,
  ): Promise<string> {
    const row = await manager.findOneBy(PolicyVersionEntity, { policyId, version });

    if (!row) {
      throw ServiceError.notFound('policy version');
    }
    return row.document;
  }

  private async addVersion(
    manager: EntityManager,
    policy: PolicyEntity,
    document: string,
    auth: AuthContext,
  ): Promise<void> {
    await manager.insert(PolicyVersionEntity, {
      policyId: policy.id,
      version: policy.currentVersion,
      document,
      createdBy: `${auth.actor.type}:${auth.actor.id}`,
    });
  }

  private async activate(
    manager: EntityManager,
    policy: PolicyEntity,
    version: number,
    document: PolicyDocument,
    auth: AuthContext,
  ): Promise<void> {
    policy.status = 'active';
    policy.activeVersion = version;
    await manager.save(policy);
    await syncResidencyFromPolicy(manager, document, { id: policy.id, version }, auth);
  }

  private async announce(
    manager: EntityManager,
    policy: PolicyEntity,
    previousVersion: number | null,
    reason: 'apply' | 'rollback' | 'archive',
    auth: AuthContext,
  ): Promise<void> {
    await addToOutbox(
      manager,
      POLICY_SCHEMA,
      policyApplied,
      {
        companyId: auth.companyId,
        policyId: policy.id,
        version: policy.activeVersion ?? policy.currentVersion,
        previousVersion,
        reason,
      },
      auth,
    );
  }

  private detail(policy: PolicyEntity, document: string): ActiveDetail {
    return { ...toPolicyDetail(policy, document), activeVersion: policy.activeVersion };
  }
}

function requireValid(document: string): PolicyDocument {
  const result = validatePolicy(document);

  if (!result.valid) {
    throw ServiceError.badRequest(
      'the policy document is invalid',
      result.errors.map((error) => ({
        path: error.path,
        message: error.message,
        line: error.line ?? undefined,
        column: error.column ?? undefined,
        expected: error.expected,
        found: error.found,
      })),
    );
  }
  return result.document as PolicyDocument;
}

function diff(before: string, after: string): PolicyChange[] {
  const parse = (source: string) => (source ? validatePolicy(source).document : undefined);
  return diffDocuments(parse(before), parse(after));
}
