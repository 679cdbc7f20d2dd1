import { statSync } from 'node:fs';
import { join, relative } from 'node:path';

import { load, YAML11_SCHEMA } from 'js-yaml';

import { loadYaml, ROOT } from './deployment-files';

export interface Resource {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

export interface Kustomization {
  namespace?: string;
  resources?: string[];
  images?: { name: string; newName?: string; newTag?: string; digest?: string }[];
  configMapGenerator?: { name: string; behavior?: string; literals?: string[] }[];
  patches?: { path?: string; patch?: string; target?: PatchTarget }[];
}

interface PatchTarget {
  kind?: string;
  name?: string;
  labelSelector?: string;
}

interface PatchOperation {
  op: 'add' | 'remove' | 'replace';
  path: string;
  value?: unknown;
}

const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding']);
const SUPPORTED_FIELDS = new Set([
  'apiVersion',
  'kind',
  'namespace',
  'resources',
  'images',
  'configMapGenerator',
  'patches',
]);

export function readKustomization(dir: string): Kustomization {
  return loadYaml(join(dir, 'kustomization.yaml'))[0];
}

/** `KEY=value` literals of a generator, as a record. */
export function literalsOf(literals: string[] = []): Record<string, string> {
  return Object.fromEntries(
    literals.map((literal) => {
      const at = literal.indexOf('=');
      return [literal.slice(0, at), literal.slice(at + 1)];
    }),
  );
}

/**
 * A small kustomize for the features this repository uses: resources (files and
 * folders), configMapGenerator (create and merge), inline JSON 6902 patches selected by
 * kind, name and label equality, images and namespace. Generated names carry no hash.
 * It fails loudly on anything else, rather than render something kustomize would not.
 */
export function build(dir: string): Resource[] {
  const kustomization = readKustomization(dir);
  const unsupported = Object.keys(kustomization).filter((field) => !SUPPORTED_FIELDS.has(field));
  if (unsupported.length > 0) {
    throw new Error(`${dir}: this renderer does not support ${unsupported.join(', ')}`);
  }

  const resources = (kustomization.resources ?? []).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(join(ROOT, path)).isDirectory() ? build(path) : (loadYaml(path) as Resource[]);
  });

  for (const generator of kustomization.configMapGenerator ?? []) {
    if (Object.keys(generator).some((field) => !['name', 'behavior', 'literals'].includes(field))) {
      throw new Error(`${dir}: only literals are supported in configMapGenerator`);
    }

    const data = literalsOf(generator.literals);
    const existing = resources.find(
      (r) => r.kind === 'ConfigMap' && r.metadata.name === generator.name,
    );

    if (generator.behavior === 'merge') {
      if (!existing) throw new Error(`${dir}: no ConfigMap ${generator.name} to merge into`);
      existing.data = { ...(existing.data as Record<string, string>), ...data };
    } else if (generator.behavior === undefined || generator.behavior === 'create') {
      resources.push({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: generator.name },
        data,
      });
    } else {
      throw new Error(`${dir}: configMapGenerator behavior ${generator.behavior} is not supported`);
    }
  }

  for (const patch of kustomization.patches ?? []) {
    const operations = load(patch.patch ?? '', { schema: YAML11_SCHEMA });
    if (!Array.isArray(operations) || !patch.target) {
      throw new Error(`${dir}: only inline JSON 6902 patches with a target are supported`);
    }

    const targets = resources.filter((resource) => matches(resource, patch.target!));
    if (targets.length === 0) throw new Error(`${dir}: a patch matches no resource`);
    targets.forEach((resource) =>
      (operations as PatchOperation[]).forEach((op) => apply(resource, op)),
    );
  }

  for (const image of kustomization.images ?? []) {
    resources.forEach((resource) => setImages(resource, image));
  }

  if (kustomization.namespace) {
    resources
      .filter((resource) => !CLUSTER_SCOPED.has(resource.kind))
      .forEach((resource) => (resource.metadata.namespace = kustomization.namespace));
  }

  return resources;
}

/** Where a kustomization's entries point, relative to the repository root. */
export function entriesOf(dir: string): string[] {
  const kustomization = readKustomization(dir);
  const paths = [
    ...(kustomization.resources ?? []),
    ...(kustomization.patches ?? []).map((p) => p.path),
  ];
  return paths
    .filter((path): path is string => path !== undefined)
    .map((path) => relative(ROOT, join(ROOT, dir, path)));
}

function matches(resource: Resource, target: PatchTarget): boolean {
  const labels = resource.metadata.labels ?? {};
  const selector = (target.labelSelector ?? '').split(',').filter(Boolean);

  return (
    (!target.kind || target.kind === resource.kind) &&
    (!target.name || target.name === resource.metadata.name) &&
    selector.every((term) => {
      const [key, value] = term.split('=');
      return labels[key.trim()] === value.trim();
    })
  );
}

function apply(resource: Resource, { op, path, value }: PatchOperation): void {
  const keys = path
    .split('/')
    .slice(1)
    .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = keys.pop()!;
  const parent = keys.reduce<unknown>((node, key) => {
    const child = (node as Record<string, unknown> | undefined)?.[key];
    if (child === undefined) throw new Error(`${resource.metadata.name}: no ${path}`);
    return child;
  }, resource) as Record<string, unknown>;

  if (op !== 'add' && !(last in parent)) {
    throw new Error(`${resource.metadata.name}: cannot ${op} ${path}, it does not exist`);
  }

  if (op === 'remove') {
    delete parent[last];
  } else {
    parent[last] = structuredClone(value);
  }
}

function setImages(node: unknown, image: NonNullable<Kustomization['images']>[number]): void {
  if (Array.isArray(node)) {
    node.forEach((child) => setImages(child, image));
    return;
  }
  if (typeof node !== 'object' || node === null) return;

  const record = node as Record<string, unknown>;
  for (const [key, child] of Object.entries(record)) {
    if (key === 'containers' && Array.isArray(child)) {
      for (const container of child as { image?: string }[]) {
        const [name, current = ''] = /^([^@:]+)(.*)$/.exec(container.image ?? '')?.slice(1) ?? [];
        if (name === image.name) {
          const tag = image.digest
            ? `@${image.digest}`
            : image.newTag
              ? `:${image.newTag}`
              : current;
          container.image = `${image.newName ?? name}${tag}`;
        }
      }
    } else {
      setImages(child, image);
    }
  }
}
