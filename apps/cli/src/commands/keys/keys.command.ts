import { Command, CommandRunner } from 'nest-commander';

import { KeysReencryptCommand } from './keys-reencrypt.command';
import { KeysRetireCommand } from './keys-retire.command';
import { KeysRotateCommand } from './keys-rotate.command';

@Command({
  name: 'keys',
  description: 'Field encryption keys: rotation, re-encryption and retirement',
  subCommands: [KeysReencryptCommand, KeysRetireCommand, KeysRotateCommand],
})
export class KeysCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
