#!/usr/bin/env node
import 'reflect-metadata';

import { configureLogging, createLogger } from '@compliance/logging';
import { loadConfigOrExit } from '@compliance/platform';
import { CommandFactory } from 'nest-commander';

import { CliModule } from './cli.module';

/** The `compliance` command: logs go to stderr at warn, so stdout carries only results. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  configureLogging(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr);

  await CommandFactory.run(CliModule.forConfig(config), {
    logger: ['error'],
    errorHandler: (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    },
  });
}

void main().catch((error: unknown) => {
  createLogger('cli').fatal({ err: error }, 'command failed');
  process.exit(1);
});
