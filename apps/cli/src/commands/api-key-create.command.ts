import { recordAudit } from '@compliance/audit';
import { ApiKeyStore } from '@compliance/auth';
import { ServiceError } from '@compliance/contracts';
import { CommandRunner, Option, SubCommand } from 'nest-commander';

import { CliDatabase } from '../support/cli-database';
import { output } from '../support/output';

interface CreateOptions {
  companyId: string;
  scopes: string[];
  name: string;
}

@SubCommand({
  name: 'create',
  description: 'Create an API key for a company; the key is printed once and never stored',
})
export class ApiKeyCreateCommand extends CommandRunner {
  constructor(private readonly database: CliDatabase) {
    super();
  }

  async run(_params: string[], options: CreateOptions): Promise<void> {
    if (!options.companyId || !options.scopes) {
      output.error('--company-id and --scopes are required');
      process.exitCode = 2;
      return;
    }

    const dataSource = await this.database.open();

    try {
      const created = await new ApiKeyStore(dataSource).create({
        companyId: options.companyId,
        name: options.name ?? 'cli',
        scopes: options.scopes,
        createdBy: 'cli',
      });

      await dataSource.transaction((manager) =>
        recordAudit(manager, {
          companyId: created.companyId,
          actor: { type: 'system', id: 'cli' },
          action: 'api-key.created',
          resourceType: 'api-key',
          resourceId: created.id,
          outcome: 'success',
          details: { scopes: created.scopes, prefix: created.prefix },
        }),
      );

      output.line(
        `API key for company ${created.companyId} (scopes: ${created.scopes.join(' ')}):`,
      );
      output.line('');
      output.line(`  ${created.key}`);
      output.line('');
      output.line('Store it now: it is shown only this once.');
    } catch (error) {
      if (error instanceof ServiceError) {
        output.error(`${error.message}${describe(error)}`);
        process.exitCode = 2;
        return;
      }
      throw error;
    }
  }

  @Option({ flags: '--company-id <uuid>', description: 'The company (tenant) the key acts for' })
  parseCompanyId(value: string): string {
    return value;
  }

  @Option({ flags: '--scopes <list>', description: 'Comma- or space-separated scopes, e.g. admin' })
  parseScopes(value: string): string[] {
    return value.split(/[\s,]+/).filter(Boolean);
  }

  @Option({ flags: '--name <name>', description: 'A label to recognise the key by' })
  parseName(value: string): string {
    return value;
  }
}

function describe(error: ServiceError): string {
  return error.details.length > 0
    ? `: ${error.details.map((d) => `${d.path ?? ''} ${d.message}`.trim()).join('; ')}`
    : '';
}
