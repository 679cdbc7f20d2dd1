import { AppConfig, APP_CONFIG } from '@compliance/config';
import {
  PayloadOf,
  policyApplied,
  resolveResidencyPlacement,
  ServiceError,
} from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { BusContext, MESSAGE_BUS, MessageBus } from '@compliance/messaging';
import { ActivePolicyReader, followAppliedPolicies } from '@compliance/policy-settings';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DataSource, EntityManager } from 'typeorm';

import {
  ARCHIVE_CATEGORY,
  ArchiveLocation,
  saveArchivePlacement,
} from '../archive/stored-archive-placement';
import { RETENTION_SCHEMA } from '../migrations/retention.migrations';
import { RETENTION_DATA_SOURCE } from '../support/retention.tokens';
import { retentionRulesOf, SourcedRule, UnmappedRule } from './policy-retention-rules';
import { PolicyRuleSyncService, SyncOutcome } from './policy-rule-sync.service';

const CONSUMER = 'policy-applied';

/** What the applied policies and the residency configuration ask the service to keep. */
interface WantedState {
  rules: SourcedRule[];
  unmapped: UnmappedRule[];
  placement: ArchiveLocation | null;
}

/**
 * Keeps the retention policies that applied compliance policies own in step with them, and
 * the company's archive placement with its residency configuration. A durable consumer is
 * enough: both live in the database, one replica serves all.
 */
@Controller()
export class PolicyAppliedController {
  private readonly logger = createLogger(PolicyAppliedController.name);

  constructor(
    @Inject(RETENTION_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly policies: ActivePolicyReader,
    private readonly sync: PolicyRuleSyncService,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @EventPattern(policyApplied.subject)
  async policyApplied(
    @Payload() event: PayloadOf<typeof policyApplied>,
    @Ctx() context: BusContext,
  ): Promise<void> {
    const { stored: outcome, rewrites } = await followAppliedPolicies({
      dataSource: this.dataSource,
      schema: RETENTION_SCHEMA,
      consumer: CONSUMER,
      messageId: context.messageId ?? '',
      derive: () => this.derive(context),
      store: (manager, wanted) => this.store(manager, context, wanted),
    });

    this.logger.info(
      {
        companyId: context.companyId,
        policyId: event.policyId,
        version: event.version,
        created: outcome?.created.length,
        updated: outcome?.updated.length,
        deactivated: outcome?.deactivated.length,
        unmapped: outcome?.unmapped.length,
        rewrites,
      },
      'retention policies follow the applied compliance policies',
    );
  }

  /** The rules and the archive placement, both as fresh answers of the policy service. */
  private async derive(context: BusContext): Promise<WantedState> {
    const { rules, unmapped } = retentionRulesOf(await this.policies.policies(context.auth));
    const placement = await this.archivePlacement(context);

    return { rules, unmapped, placement };
  }

  private async store(
    manager: EntityManager,
    context: BusContext,
    { rules, unmapped, placement }: WantedState,
  ): Promise<SyncOutcome> {
    await saveArchivePlacement(manager, context.companyId, placement);
    return this.sync.sync(manager, context.auth, rules, unmapped);
  }

  /** Where the residency configuration places archives; null when the company has none. */
  private async archivePlacement(context: BusContext): Promise<ArchiveLocation | null> {
    const reply = await this.bus.request(
      resolveResidencyPlacement.subject,
      { context: context.auth, payload: { category: ARCHIVE_CATEGORY } },
      this.config.nats.requestTimeoutMs,
    );

    if (reply.ok) {
      return resolveResidencyPlacement.response.parse(reply.data);
    }

    if (reply.error.code === 'not_found') {
      return null;
    }

    // Any other answer leaves the placement as it was: the event comes back later.
    throw ServiceError.fromBody(reply.error);
  }
}
