import { Command, CommandRunner } from 'nest-commander';

import { KeysReencryptCommand } from './keys-reencrypt.command';
import { KeysRotateCommand } from './keys-rotate.command';

@Command({
  name: 'keys',
  description: 'Field encryption keys: rotation and re-encryption',
  subCommands: [KeysReencryptCommand, KeysRotateCommand],
})
export class KeysCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
