import { recordAudit } from '@compliance/audit';
import { PayloadOf, policyApplied } from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { BusContext, claimMessage } from '@compliance/messaging';
import { dataSourceToken } from '@compliance/platform';
import { ActivePolicyReader, settleDerivedSettings } from '@compliance/policy-settings';
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
    // Read before the transaction: a slow policy service must not hold a connection. A
    // failed read throws, and the event comes back later.
    const settings = await this.derive(context);

    const claimed = await this.dataSource.transaction(async (manager) => {
      if (!(await claimMessage(manager, DSR_SCHEMA, CONSUMER, context.messageId ?? ''))) {
        return false;
      }

      await this.store(manager, event, context, settings);
      return true;
    });

    // Another replica may have written a newer state between our read and our commit; a
    // message already claimed settles too, since its earlier delivery may have given up.
    const rewrites = await settleDerivedSettings({
      written: claimed ? settings : undefined,
      derive: () => this.derive(context),
      write: (fresh) =>
        this.dataSource.transaction((manager) => this.store(manager, event, context, fresh)),
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
