import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { loadAll } from 'js-yaml';

/** The manifest the DSR service is deployed from, relative to the compiled benchmark. */
export const DSR_MANIFEST = 'k8s/base/dsr-service.yaml';

interface Manifest {
  kind?: string;
  spec?: {
    template?: {
      spec?: { containers?: { env?: { name: string; value?: string }[] }[] };
    };
  };
}

/**
 * The runtime flags the DSR service's Deployment gives Node (`NODE_OPTIONS`), so the export
 * runs in a process started as the service is started, not with whatever defaults the
 * benchmark's machine would give it.
 */
export function deployedNodeOptions(repositoryRoot: string): string[] {
  const documents = loadAll(readFileSync(join(repositoryRoot, DSR_MANIFEST), 'utf8')) as Manifest[];
  const deployment = documents.find((document) => document?.kind === 'Deployment');
  const env = deployment?.spec?.template?.spec?.containers?.[0]?.env ?? [];
  const options = env.find((variable) => variable.name === 'NODE_OPTIONS')?.value ?? '';

  return options.split(/\s+/).filter((option) => option !== '');
}
