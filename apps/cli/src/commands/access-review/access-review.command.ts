import { Command, CommandRunner } from 'nest-commander';

import { AccessReviewRunCommand } from './access-review-run.command';

@Command({
  name: 'access-review',
  description: 'Access review campaigns',
  subCommands: [AccessReviewRunCommand],
})
export class AccessReviewCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
