import { AuthContext, secretExpiring } from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { addToOutbox, OutboxRelay } from '@compliance/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { VAULT_SCHEMA } from '../migrations/vault.migrations';
import { returnedRows } from '../support/sql';
import { Clock, VAULT_CLOCK, VAULT_DATA_SOURCE, VAULT_OUTBOX } from '../support/vault.tokens';
import { SecretRotationService } from '../versions/secret-rotation.service';
import { ExpiryNotice, ExpiryNotifier } from './expiry-notifier.service';
import {
  CLAIM_EXPIRY_NOTICE,
  CLAIM_RUN,
  SELECT_DUE_SECRETS,
  SELECT_EXPIRING_SECRETS,
} from './schedule.queries';

/** Days before expiry at which a warning goes out, once each. */
export const EXPIRY_WARNING_DAYS = [30, 7, 1];

const DAY_MS = 86_400_000;

export interface RotationRunSummary {
  /** False when another replica already did this run. */
  ran: boolean;
  rotated: number;
  requested: number;
  failed: number;
  warnings: number;
  /** Expiry notices e-mailed to a secret's contact, retries of earlier failures included. */
  mailed: number;
}

/**
 * The daily work: rotate what is due, warn of what expires soon. A run claims its day in
 * `vault.schedule_runs` first, so however many replicas fire, one does the work; each
 * warning is claimed too, so a rerun sends none twice.
 */
@Injectable()
export class RotationJob {
  private readonly logger = createLogger(RotationJob.name);

  constructor(
    @Inject(VAULT_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(VAULT_OUTBOX) private readonly outbox: OutboxRelay,
    @Inject(VAULT_CLOCK) private readonly clock: Clock,
    private readonly rotation: SecretRotationService,
    private readonly notifier: ExpiryNotifier,
  ) {}

  async run(runKey?: string): Promise<RotationRunSummary> {
    const now = this.clock.now();
    const key = runKey ?? now.toISOString().slice(0, 10);
    const claimed = returnedRows(await this.dataSource.query(CLAIM_RUN, ['rotation', key]));

    if (claimed.length === 0) {
      this.logger.info({ runKey: key }, 'rotation run already done by another replica');
      return { ran: false, rotated: 0, requested: 0, failed: 0, warnings: 0, mailed: 0 };
    }

    const summary = { ran: true, ...(await this.rotateDue(now)), ...(await this.warn(now)) };
    this.logger.info(summary, 'rotation run finished');
    return summary;
  }

  private async rotateDue(now: Date) {
    const due = await this.dataSource.query<{ id: string; company_id: string }[]>(
      SELECT_DUE_SECRETS,
      [now],
    );
    const counts = { rotated: 0, requested: 0, failed: 0 };

    for (const secret of due) {
      try {
        const result = await this.rotation.rotate(
          secret.id,
          undefined,
          systemAuth(secret.company_id),
        );
        counts[result.outcome] += 1;
      } catch (error) {
        // One secret's failure must not hold back the others; it stays due for the next run.
        counts.failed += 1;
        this.logger.error({ err: error, secretId: secret.id }, 'scheduled rotation failed');
      }
    }

    return counts;
  }

  private async warn(now: Date): Promise<{ warnings: number; mailed: number }> {
    // Earlier runs' unsent mails first, before this run claims notices of its own.
    let mailed = await this.notifier.retryUnsent(now);

    const expiring = await this.dataSource.query<
      { id: string; company_id: string; name: string; expires_at: Date }[]
    >(SELECT_EXPIRING_SECRETS, [now]);
    const claimed: ExpiryNotice[] = [];

    for (const secret of expiring) {
      const daysLeft = (secret.expires_at.getTime() - now.getTime()) / DAY_MS;
      // The tightest threshold crossed: 3 days left warns at 7, never again at 30.
      const threshold = Math.min(...EXPIRY_WARNING_DAYS.filter((days) => daysLeft <= days));

      if (Number.isFinite(threshold) && (await this.notify(secret, threshold))) {
        claimed.push({
          secretId: secret.id,
          companyId: secret.company_id,
          expiresAt: secret.expires_at,
          daysBefore: threshold,
        });
      }
    }

    if (claimed.length > 0) {
      this.outbox.nudge();
    }

    for (const notice of claimed) {
      mailed += (await this.notifier.deliver(notice)) ? 1 : 0;
    }

    return { warnings: claimed.length, mailed };
  }

  private async notify(
    secret: { id: string; company_id: string; name: string; expires_at: Date },
    daysBefore: number,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const claimed = await manager.query<unknown[]>(CLAIM_EXPIRY_NOTICE, [
        secret.id,
        secret.expires_at,
        daysBefore,
      ]);

      if (claimed.length === 0) {
        return false;
      }

      // The event commits with the claim; the mail follows once both are committed.
      await addToOutbox(
        manager,
        VAULT_SCHEMA,
        secretExpiring,
        {
          companyId: secret.company_id,
          secretId: secret.id,
          name: secret.name,
          expiresAt: secret.expires_at.toISOString(),
          daysBefore,
        },
        systemAuth(secret.company_id),
      );
      return true;
    });
  }
}

function systemAuth(companyId: string): AuthContext {
  return {
    requestId: `vault-rotation-${Date.now()}`,
    companyId,
    actor: { type: 'system', id: 'vault-rotation' },
    scopes: [],
  };
}
