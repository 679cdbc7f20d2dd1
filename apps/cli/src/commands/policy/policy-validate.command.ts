import { readFile } from 'node:fs/promises';

import { validatePolicyDocument } from '@compliance/policy';
import { CommandRunner, Option, SubCommand } from 'nest-commander';

import { output } from '../../support/output';
import { formatValidation } from './validation-report';

interface ValidateOptions {
  file?: string;
  json?: boolean;
}

/** Exit codes for CI: 0 valid, 1 invalid, 2 the file could not be read at all. */
@SubCommand({
  name: 'validate',
  description: 'Validate a policy file: exit 0 valid, 1 invalid, 2 unreadable',
})
export class PolicyValidateCommand extends CommandRunner {
  async run(_params: string[], options: ValidateOptions): Promise<void> {
    if (!options.file) {
      output.error('--file is required');
      process.exitCode = 2;
      return;
    }

    let source: string;
    try {
      source = await readFile(options.file, 'utf8');
    } catch (error) {
      output.error(`cannot read ${options.file}: ${(error as NodeJS.ErrnoException).code}`);
      process.exitCode = 2;
      return;
    }

    const result = validatePolicyDocument(source);

    if (options.json) {
      output.json({ file: options.file, ...result });
    } else {
      formatValidation(options.file, result).forEach((line) => output.line(line));
    }

    process.exitCode = result.valid ? 0 : 1;
  }

  @Option({ flags: '--file <path>', description: 'The policy YAML file' })
  parseFile(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'Print the result as JSON' })
  parseJson(): boolean {
    return true;
  }
}
