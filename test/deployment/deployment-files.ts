import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import { envSchema } from '@compliance/config';
import { loadAll, YAML11_SCHEMA } from 'js-yaml';

export const ROOT = resolve(__dirname, '..', '..');

/** The processes deployed on their own: the gateway and the five services. */
export const GATEWAY = 'gateway';
export const SERVICES = [
  'policy-service',
  'dsr-service',
  'vault-service',
  'access-review-service',
  'retention-service',
] as const;
export const APPS = [GATEWAY, ...SERVICES] as const;

/** What operators schedule, as CLI arguments, and when (cron, UTC). */
export const SCHEDULED_TASKS = [
  { args: ['access-review', 'run'], schedule: '0 6 1 1,4,7,10 *' },
  { args: ['retention', 'execute', '--all-scheduled'], schedule: '0 2 * * *' },
  { args: ['secrets', 'rotate-due'], schedule: '0 3 * * *' },
  { args: ['dsr', 'check-deadlines'], schedule: '0 9 * * *' },
];

/** Variables whose values are credentials: never written as literals. */
export const SECRET_VARIABLES = ['AUTH_JWT_SECRET', 'DATABASE_URL'];

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
