import { verifyAuditChain } from '@compliance/audit';
import { CommandRunner, Option, SubCommand } from 'nest-commander';

import { CliDatabase } from '../support/cli-database';
import { output } from '../support/output';

interface VerifyOptions {
  companyId?: string;
}

@SubCommand({
  name: 'verify',
  description: 'Check the audit hash chain; exits 1 naming the first broken entry',
})
export class AuditVerifyCommand extends CommandRunner {
  constructor(private readonly database: CliDatabase) {
    super();
  }

  async run(_params: string[], options: VerifyOptions): Promise<void> {
    const dataSource = await this.database.open();
    const result = await verifyAuditChain(dataSource, { companyId: options.companyId });

    if (result.ok) {
      output.line(
        `Audit trail intact: ${result.entries} entries across ${result.companies} companies.`,
      );
      return;
    }

    output.error(
      `Audit trail broken for company ${result.companyId} at entry ${result.sequence}` +
        ` (${result.entryId ?? 'missing'}): ${result.reason}`,
    );
    process.exitCode = 1;
  }

  @Option({ flags: '--company-id <uuid>', description: 'Only this company’s chain' })
  parseCompanyId(value: string): string {
    return value;
  }
}
