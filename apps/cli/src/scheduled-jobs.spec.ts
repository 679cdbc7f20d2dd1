import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { loadConfig } from '@compliance/config';
import { Type } from '@nestjs/common';
import { loadAll } from 'js-yaml';

import { CliModule } from './cli.module';

/** nest-commander's metadata keys: the CronJobs must name commands that really exist. */
const COMMAND_META = 'CommandBuilder:Command:Meta';
const SUB_COMMAND_META = 'CommandBuilder:Subcommand:Meta';
const OPTION_META = 'CommandBuilder:Option:Meta';

interface CommandMeta {
  name: string;
  subCommands?: Type<unknown>[];
}

interface CronJob {
  kind: string;
  metadata: { name: string };
  spec: {
    jobTemplate: { spec: { template: { spec: { containers: { args: string[] }[] } } } };
  };
}

function cronJobs(): CronJob[] {
  const file = join(__dirname, '..', '..', '..', 'k8s', 'base', 'scheduled-jobs.yaml');
  return (loadAll(readFileSync(file, 'utf8')) as CronJob[]).filter(
    (doc) => doc?.kind === 'CronJob',
  );
}

function optionFlags(command: Type<unknown>): string[] {
  const prototype = command.prototype as Record<string, unknown>;

  return Object.getOwnPropertyNames(prototype)
    .map((name) => Reflect.getMetadata(OPTION_META, prototype[name] as object) as unknown)
    .filter((meta): meta is { flags: string } => typeof meta === 'object' && meta !== null)
    .map((meta) => meta.flags.split(/[\s,]+/)[0]);
}

describe('scheduled jobs', () => {
  const providers = (CliModule.forConfig(loadConfig({})).providers ?? []) as Type<unknown>[];
  const roots = new Map(
    providers
      .map((provider) => [provider, Reflect.getMetadata(COMMAND_META, provider)] as const)
      .filter(([, meta]) => meta !== undefined)
      .map(([provider, meta]) => [
        (meta as CommandMeta).name,
        { provider, meta: meta as CommandMeta },
      ]),
  );

  it('should find the five scheduled tasks', () => {
    expect(cronJobs()).toHaveLength(5);
  });

  it.each(cronJobs().map((job) => [job.metadata.name, job] as const))(
    'should run a command the CLI has: %s',
    (_name, job) => {
      const [entry, commandName, subName, ...flags] =
        job.spec.jobTemplate.spec.template.spec.containers[0].args;
      const root = roots.get(commandName);
      const sub = root?.meta.subCommands?.find(
        (candidate) =>
          (Reflect.getMetadata(SUB_COMMAND_META, candidate) as CommandMeta | undefined)?.name ===
          subName,
      );

      expect(entry).toBe('dist/apps/cli/src/main.js');
      expect(root).toBeDefined();
      expect(sub).toBeDefined();
      expect(providers).toContain(sub);
      for (const flag of flags.filter((arg) => arg.startsWith('--'))) {
        expect(optionFlags(sub!)).toContain(flag);
      }
    },
  );
});
