import { randomUUID } from 'node:crypto';

import { AuthContext } from '@compliance/contracts';
import { ConnectorHost } from '@compliance/connector';
import { createLogger } from '@compliance/logging';
import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { CRM_MODULE } from '../connector/crm-data-map';
import { crmUsersQueries } from '../users/crm-users.queries';

/** How often companies added since the start (by a seed, say) are looked for. */
const ANNOUNCE_INTERVAL_MS = 60_000;

/**
 * Takes DSR tasks once the app's bus handlers are bound, and tells the DSR service, for
 * each company the module holds records of, that it is a connector to ask.
 */
export class CrmConnectorLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = createLogger(CrmConnectorLifecycle.name);
  private readonly announced = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly host: ConnectorHost,
    private readonly intervalMs = ANNOUNCE_INTERVAL_MS,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.host.start();
    await this.announceNewCompanies();

    this.timer = setInterval(() => {
      this.announceNewCompanies().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'announcing the connector failed; will try again'),
      );
    }, this.intervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Announcing twice is harmless: the DSR service upserts, and the id dedupes on the bus. */
  async announceNewCompanies(): Promise<number> {
    const rows = await this.dataSource.query<{ company_id: string }[]>(
      crmUsersQueries.companiesHeld,
    );
    const fresh = rows.map((row) => row.company_id).filter((id) => !this.announced.has(id));

    for (const companyId of fresh) {
      await this.host.announce(moduleAuth(companyId));
      this.announced.add(companyId);
    }

    if (fresh.length > 0) {
      this.logger.info({ companies: fresh.length }, 'connector announced');
    }
    return fresh.length;
  }
}

/** The module acting for itself, on behalf of one company. */
export function moduleAuth(companyId: string): AuthContext {
  return {
    requestId: randomUUID(),
    companyId,
    actor: { type: 'service', id: CRM_MODULE },
    scopes: [],
  };
}
