import { recordAudit } from '@compliance/audit';
import { PayloadOf, policyApplied } from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { BusContext } from '@compliance/messaging';
import { dataSourceToken } from '@compliance/platform';
import { ActivePolicyReader, followAppliedPolicies } from '@compliance/policy-settings';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DataSource, EntityManager } from 'typeorm';

import { DSR_SCHEMA } from '../migrations/dsr.migrations';
import { updateDsrSettings } from './dsr-settings';
import { dsrSettingsFromPolicies, PolicyDsrSettings } from './policy-dsr-settings';

const CONSUMER = 'policy-applied';

type PolicyApplied = PayloadOf<typeof policyApplied>;

/**
 * Keeps a company's DSR settings (deadline, extension, verification, enforcement) in step
 * with its applied policies. A durable consumer is enough: the settings live in the
 * database, so one replica writing them serves every replica.
 */
@Controller()
export class DsrPolicyAppliedController {
  private readonly logger = createLogger(DsrPolicyAppliedController.name);

  constructor(
    @Inject(dataSourceToken('dsr')) private readonly dataSource: DataSource,
    private readonly policies: ActivePolicyReader,
  ) {}

  @EventPattern(policyApplied.subject)
  async policyApplied(@Payload() event: PolicyApplied, @Ctx() context: BusContext): Promise<void> {
    const { claimed, rewrites } = await followAppliedPolicies({
      dataSource: this.dataSource,
      schema: DSR_SCHEMA,
      consumer: CONSUMER,
      messageId: context.messageId ?? '',
      derive: () => this.derive(context),
      store: (manager, settings) => this.store(manager, event, context, settings),
    });

    this.logger.info(
      {
        companyId: context.companyId,
        policyId: event.policyId,
        version: event.version,
        claimed,
        rewrites,
      },
      'DSR settings follow the applied policies',
    );
  }

  private async derive(context: BusContext): Promise<PolicyDsrSettings> {
    return dsrSettingsFromPolicies(await this.policies.documents(context.auth));
  }

  private async store(
    manager: EntityManager,
    event: PolicyApplied,
    context: BusContext,
    settings: PolicyDsrSettings,
  ): Promise<void> {
    await updateDsrSettings(manager, context.companyId, settings);
    await recordAudit(manager, {
      companyId: context.companyId,
      actor: context.auth.actor,
      action: 'dsr.settings-updated',
      resourceType: 'dsr-settings',
      resourceId: context.companyId,
      outcome: 'success',
      requestId: context.auth.requestId,
      details: { policyId: event.policyId, version: event.version, ...settings },
    });
  }
}
