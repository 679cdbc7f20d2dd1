import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { CommandRunner, Option, SubCommand } from 'nest-commander';

import { output } from '../../support/output';
import { FixtureError, runPolicyTests } from './policy-test-runner';
import { formatValidation } from './validation-report';

interface TestOptions {
  json?: boolean;
}

/**
 * Tests a policy against fixture resources: `<dir>/policy.yaml` and `<dir>/cases.yaml`
 * (see docs/policies.md). Exit 0 when every case gets its expected decision, 1 when one
 * does not or the policy is invalid, 2 when the fixtures cannot be read.
 */
@SubCommand({
  name: 'test',
  arguments: '<dir>',
  description: 'Evaluate <dir>/policy.yaml against the expected decisions in <dir>/cases.yaml',
})
export class PolicyTestCommand extends CommandRunner {
  async run([dir]: string[], options: TestOptions): Promise<void> {
    let policySource: string;
    let casesSource: string;

    try {
      policySource = await readFile(join(dir, 'policy.yaml'), 'utf8');
      casesSource = await readFile(join(dir, 'cases.yaml'), 'utf8');
    } catch (error) {
      const { code, path } = error as NodeJS.ErrnoException;
      output.error(`cannot read ${path ?? dir}: ${code}`);
      process.exitCode = 2;
      return;
    }

    try {
      const outcome = runPolicyTests(policySource, casesSource);

      if (outcome.kind === 'invalid-policy') {
        if (options.json) {
          output.json(outcome);
        } else {
          const file = join(dir, 'policy.yaml');
          formatValidation(file, outcome.validation).forEach((line) => output.line(line));
        }
        process.exitCode = 1;
        return;
      }

      const failed = outcome.results.filter((result) => !result.passed).length;
      if (options.json) {
        output.json({ passed: outcome.results.length - failed, failed, results: outcome.results });
      } else {
        for (const { name, passed, expected, actual } of outcome.results) {
          output.line(
            passed
              ? `ok    ${name}: ${actual.decision}`
              : `FAIL  ${name}: expected ${expected.decision}` +
                  `${expected.ruleId ? ` by ${expected.ruleId}` : ''}, ` +
                  `got ${actual.decision} by ${actual.ruleId ?? 'no rule'} (${actual.reason})`,
          );
        }
        output.line(`${outcome.results.length - failed} passed, ${failed} failed`);
      }
      process.exitCode = failed === 0 ? 0 : 1;
    } catch (error) {
      if (!(error instanceof FixtureError)) {
        throw error;
      }
      output.error(error.message);
      process.exitCode = 2;
    }
  }

  @Option({ flags: '--json', description: 'Print the results as JSON' })
  parseJson(): boolean {
    return true;
  }
}
