import { AppConfig, APP_CONFIG } from '@compliance/config';
import { AuthContext, resolveResidencyPlacement, ServiceError } from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { MESSAGE_BUS, MessageBus } from '@compliance/messaging';
import { dataSourceToken } from '@compliance/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { loadDsrSettings } from '../../settings/dsr-settings';
import { ExportLocation, ExportPlacement } from './export-store';

/** What the policy service is asked to place: an export mixes every category. */
export const EXPORT_CATEGORY = 'dsr-export';

/**
 * The location of a company's exports as its residency configuration places them, asked
 * of the policy service. A company with no residency configuration keeps its exports at
 * the DSR settings' location. A policy service that does not answer stores nothing: the
 * caller fails and the part comes again, rather than land where it may not be kept.
 */
@Injectable()
export class ResidencyExportPlacement implements ExportPlacement {
  private readonly logger = createLogger(ResidencyExportPlacement.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(dataSourceToken('dsr')) private readonly dataSource: DataSource,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  async locationFor(auth: AuthContext): Promise<ExportLocation> {
    const reply = await this.bus.request(
      resolveResidencyPlacement.subject,
      { context: auth, payload: { category: EXPORT_CATEGORY } },
      this.config.nats.requestTimeoutMs,
    );

    if (reply.ok) {
      return resolveResidencyPlacement.response.parse(reply.data);
    }

    if (reply.error.code === 'not_found') {
      const settings = await loadDsrSettings(this.dataSource, auth.companyId);
      return { region: settings.residencyLocation, prefix: null };
    }

    this.logger.warn(
      { code: reply.error.code, companyId: auth.companyId },
      'residency placement refused',
    );
    throw ServiceError.fromBody(reply.error);
  }
}
