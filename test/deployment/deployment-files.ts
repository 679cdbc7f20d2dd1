import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import { envSchema } from '@compliance/config';
import { loadAll, YAML11_SCHEMA } from 'js-yaml';

export const ROOT = resolve(__dirname, '..', '..');

/** Apps of the workspace that are not deployed as long-running processes of their own. */
export const NOT_DEPLOYED = {
  // The `compliance` command line: the CronJobs run it, and operators by hand.
  cli: 'runs in scheduled jobs',
  // Every service and the gateway in one process: the embedded default, not production.
  standalone: 'is the embedded default',
};

export const GATEWAY = 'gateway';

/**
 * The processes deployed on their own, read from the workspace so that a new app cannot
 * be left out: every `apps/<name>/project.json` tagged `type:app`, but the CLI and standalone.
 */
export const APPS: string[] = workspaceApps().filter((app) => !(app in NOT_DEPLOYED));

/** The platform's services, which the gateway forwards to: named `<capability>-service`. */
export const SERVICES: string[] = APPS.filter((app) => app.endsWith('-service'));

/** Names of the workspace's projects tagged `type:app`, sorted. */
export function workspaceApps(): string[] {
  return readdirSync(join(ROOT, 'apps'))
    .filter((name) => existsSync(join(ROOT, 'apps', name, 'project.json')))
    .filter((name) => {
      const project = JSON.parse(readText(`apps/${name}/project.json`)) as { tags?: string[] };
      return project.tags?.includes('type:app') ?? false;
    })
    .sort();
}

/** What operators schedule, as CLI arguments, and when (cron, UTC). */
export const SCHEDULED_TASKS = [
  { args: ['access-review', 'run'], schedule: '0 6 1 * *' },
  { args: ['retention', 'execute', '--all-scheduled'], schedule: '0 2 * * *' },
  { args: ['secrets', 'rotate-due'], schedule: '0 3 * * *' },
  { args: ['dsr', 'check-deadlines'], schedule: '0 9 * * *' },
  { args: ['policy', 'prune-transfer-checks'], schedule: '45 4 * * *' },
];

/**
 * Variables whose values are credentials: those `.env.example` marks `[secret]` (at the
 * start of the comment above them). Never written as literals.
 */
export const SECRET_VARIABLES: string[] = secretsOfEnvExample();

function secretsOfEnvExample(): string[] {
  const lines = readText('.env.example').split('\n');
  const isEntry = (line: string) => /^(#\s*)?[A-Z][A-Z0-9_]*=/.test(line);

  return lines.flatMap((line, index) => {
    if (!isEntry(line)) return [];

    let top = index;
    while (top > 0 && lines[top - 1].startsWith('# ') && !isEntry(lines[top - 1])) top -= 1;

    const secret = top < index && lines[top].startsWith('# [secret] ');
    return secret ? [/([A-Z][A-Z0-9_]*)=/.exec(line)![1]] : [];
  });
}

export const CLI_MAIN = 'dist/apps/cli/src/main.js';

export function mainOf(app: string): string {
  return `dist/apps/${app}/src/main.js`;
}

/** The compiled entry point exists only if its source does: `apps/<app>/src/main.ts`. */
export function sourceOfMain(distPath: string): string | undefined {
  const match = /^dist\/(apps\/[a-z-]+\/src\/main)\.js$/.exec(distPath);
  return match ? join(ROOT, `${match[1]}.ts`) : undefined;
}

export function readText(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

export function exists(path: string): boolean {
  return existsSync(join(ROOT, path));
}

/**
 * The documents of a YAML file. Kubernetes reads YAML 1.1 (so `yes` is a boolean there),
 * and Compose resolves `<<` merge keys: the 1.1 schema matches both.
 */
export function loadYaml(path: string): Record<string, unknown>[] {
  return loadAll(readText(path), { schema: YAML11_SCHEMA }).filter(
    (doc): doc is Record<string, unknown> => doc !== null && doc !== undefined,
  );
}

/** Every `.yaml`/`.yml` file under a folder, relative to the repository root. */
export function yamlFilesUnder(folder: string): string[] {
  const absolute = join(ROOT, folder);

  return readdirSync(absolute)
    .flatMap((entry) => {
      const path = join(absolute, entry);
      if (statSync(path).isDirectory()) {
        return yamlFilesUnder(relative(ROOT, path));
      }
      return /\.ya?ml$/.test(entry) ? [relative(ROOT, path)] : [];
    })
    .sort();
}

export const SCHEMA_VARIABLES: string[] = Object.keys(envSchema.shape).sort();

/** Read by the Node runtime itself, not by the platform's configuration. */
export const RUNTIME_VARIABLES = ['NODE_OPTIONS'];

/** The value the platform assumes when a variable is unset, or undefined if it has none. */
export function schemaDefault(name: string): string | number | undefined {
  const field = envSchema.shape[name as keyof typeof envSchema.shape];
  const parsed = field.safeParse(undefined);
  return parsed.success ? parsed.data : undefined;
}

/** Validation problems of a set of variables, as the platform reports them at start-up. */
export function envProblems(env: Record<string, string>): string[] {
  const parsed = envSchema.safeParse(env);
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}
