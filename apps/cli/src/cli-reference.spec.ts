import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { loadConfig } from '@compliance/config';
import { Type } from '@nestjs/common';

import { CliModule } from './cli.module';

/**
 * docs/cli.md is rendered from the commands' own declarations (names, descriptions and
 * options), so the reference lists exactly what the CLI accepts. UPDATE_DOC_EXAMPLES=1
 * rewrites it.
 */
const PAGE = join(__dirname, '..', '..', '..', 'docs', 'cli.md');
const COMMAND_META = 'CommandBuilder:Command:Meta';
const SUB_COMMAND_META = 'CommandBuilder:Subcommand:Meta';
const OPTION_META = 'CommandBuilder:Option:Meta';

interface CommandMeta {
  name: string;
  description?: string;
  arguments?: string;
  subCommands?: Type<unknown>[];
}

interface OptionMeta {
  flags: string;
  description?: string;
  required?: boolean;
}

function options(command: Type<unknown>): OptionMeta[] {
  const prototype = command.prototype as Record<string, unknown>;

  return Object.getOwnPropertyNames(prototype)
    .map((name) => Reflect.getMetadata(OPTION_META, prototype[name] as object) as unknown)
    .filter((meta): meta is OptionMeta => typeof meta === 'object' && meta !== null)
    .sort((a, b) => a.flags.localeCompare(b.flags));
}

function describeCommand(path: string, meta: CommandMeta, command: Type<unknown>): string[] {
  const usage = [path, meta.arguments].filter(Boolean).join(' ');
  const rows = options(command).map(
    (option) => `| \`${option.flags}\` | ${(option.description ?? '').replace(/\|/g, '\\|')} |`,
  );

  return [
    `### \`compliance ${usage}\``,
    '',
    meta.description ?? '',
    '',
    ...(rows.length > 0 ? ['| option | meaning |', '| --- | --- |', ...rows, ''] : []),
  ];
}

function render(): string {
  const providers = (CliModule.forConfig(loadConfig({})).providers ?? []) as Type<unknown>[];
  const roots = providers
    .map((provider) => ({
      provider,
      meta: Reflect.getMetadata(COMMAND_META, provider) as CommandMeta,
    }))
    .filter(({ meta }) => meta !== undefined)
    .sort((a, b) => a.meta.name.localeCompare(b.meta.name));

  const sections = roots.flatMap(({ provider, meta }) => {
    const subCommands = (meta.subCommands ?? [])
      .map((sub) => ({ sub, subMeta: Reflect.getMetadata(SUB_COMMAND_META, sub) as CommandMeta }))
      .sort((a, b) => a.subMeta.name.localeCompare(b.subMeta.name));

    return [
      `## ${meta.name}`,
      '',
      ...(subCommands.length === 0
        ? describeCommand(meta.name, meta, provider)
        : subCommands.flatMap(({ sub, subMeta }) =>
            describeCommand(`${meta.name} ${subMeta.name}`, subMeta, sub),
          )),
    ];
  });

  return [
    '# CLI reference',
    '',
    'From a checkout: `npm run cli -- <command>`; built: `compliance <command>`. Every command',
    'works on the same database as the platform: `DATABASE_URL` when set, otherwise the',
    'embedded one in `DATA_DIR` (joining a running `npm start` through its socket). Exit codes:',
    '0 done, 1 the check or work found a problem, 2 bad arguments or input.',
    '',
    'This page is generated from the commands themselves.',
    '',
    ...sections,
  ].join('\n');
}

describe('CLI reference', () => {
  const rendered = render();

  if (process.env.UPDATE_DOC_EXAMPLES === '1') {
    writeFileSync(PAGE, rendered);
  }

  it('should match the commands the CLI registers', () => {
    expect(readFileSync(PAGE, 'utf8')).toBe(rendered);
  });
});
