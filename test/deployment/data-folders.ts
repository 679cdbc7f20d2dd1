import { posix } from 'node:path';

import { CLI_MAIN, mainOf, readText, schemaDefault } from './deployment-files';

type Environment = Record<string, string>;

interface DataFolder {
  data: string;
  /** The apps, and the CLI commands (by their leading arguments), that write it. */
  apps: string[];
  commands: string[][];
  /** Where, from the process's environment; undefined when it goes elsewhere. */
  folder: (env: Environment) => string | undefined;
}

/**
 * What the platform writes to its own filesystem, and who: the code knows it, a manifest
 * cannot say it. Report exports of access reviews live in the database; the vault, policy,
 * gateway, crm-sample and the other scheduled commands write no file (`dsr check-deadlines`
 * leaves export expiry to the service). Every process would serve an embedded PGlite in
 * DATA_DIR without DATABASE_URL; the deployments always set it.
 */
const DATA_FOLDERS: DataFolder[] = [
  {
    // LocalExportStore (libs/dsr): written, served for download and expired by the service.
    data: 'DSR export parts',
    apps: ['dsr-service'],
    commands: [],
    folder: (env) => env.DSR_EXPORT_DIR ?? posix.join(env.DATA_DIR, 'dsr-exports'),
  },
  {
    // LocalArchiveStore (libs/retention), unless RETENTION_ARCHIVE_STORE sends them to S3.
    data: 'retention archives',
    apps: ['retention-service'],
    commands: [['retention', 'execute']],
    folder: (env) =>
      env.RETENTION_ARCHIVE_STORE === 's3' ? undefined : posix.join(env.DATA_DIR, 'archives'),
  },
];

/**
 * The folders a process of the platform image writes to, absolute as it resolves them:
 * `args` as the container passes them to `node`, `given` the variables the manifest or
 * compose file sets, over the image's own ENV.
 */
export function foldersWrittenBy(
  args: string[],
  given: Environment,
): { data: string; folder: string }[] {
  const { env: imageEnv, workdir } = platformImage();
  const env: Environment = { DATA_DIR: String(schemaDefault('DATA_DIR')), ...imageEnv, ...given };
  const [main, ...rest] = args;
  const runs = ({ apps, commands }: DataFolder) =>
    apps.some((app) => main === mainOf(app)) ||
    (main === CLI_MAIN && commands.some((command) => command.every((arg, i) => rest[i] === arg)));

  return DATA_FOLDERS.filter(runs).flatMap(({ data, folder }) => {
    const path = folder(env);
    return path === undefined ? [] : [{ data, folder: posix.resolve(workdir, path) }];
  });
}

/** `ENV` and `WORKDIR` of the Dockerfile's last stage, the image every container runs. */
function platformImage(): { env: Environment; workdir: string } {
  const stages = readText('Dockerfile').split(/^FROM /m);
  const runtime = stages[stages.length - 1];
  const env = /^ENV ((?:.*\\\n)*.*)$/m.exec(runtime)?.[1] ?? '';
  const workdir = /^WORKDIR (\S+)$/m.exec(runtime)?.[1] ?? '/';

  return {
    env: Object.fromEntries([...env.matchAll(/([A-Z_]+)=(\S+)/g)].map(([, k, v]) => [k, v])),
    workdir,
  };
}

/** Whether `path` is `folder` or lies below it. */
export function isWithin(path: string, folder: string): boolean {
  const relative = posix.relative(folder, path);
  return relative === '' || (!relative.startsWith('..') && !posix.isAbsolute(relative));
}
