import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { loadAll, YAML11_SCHEMA } from 'js-yaml';

import {
  APPS,
  CLI_MAIN,
  envProblems,
  exists,
  GATEWAY,
  loadYaml,
  mainOf,
  readText,
  ROOT,
  SCHEDULED_TASKS,
  RUNTIME_VARIABLES,
  SCHEMA_VARIABLES,
  schemaDefault,
  SECRET_VARIABLES,
  sourceOfMain,
  yamlFilesUnder,
} from './deployment-files';
import { build, entriesOf, readKustomization, Resource } from './kustomize';
import { kubernetesProblems } from './schema-validators';
import {
  BudgetSpec,
  DeploymentSpec,
  environmentOf,
  find,
  HpaSpec,
  PolicySpec,
  podTemplateOf,
  preStopSeconds,
  quantity,
  resolvePort,
  selects,
  ServiceSpec,
  workloads,
} from './workloads';

const OVERLAYS = ['k8s/overlays/dev', 'k8s/overlays/production'];
/** The image of ./Dockerfile, as the base names it; overlays set its registry and tag. */
const PLATFORM_IMAGE = 'crm-compliance';
const KUSTOMIZATIONS = ['k8s/base', ...OVERLAYS];
const DEFAULT_SHUTDOWN_MS = Number(schemaDefault('SHUTDOWN_TIMEOUT_MS'));

/** Stand-ins for Secret values, so that a container's whole environment can be validated. */
const SECRET_STAND_INS: Record<string, string> = {
  AUTH_JWT_SECRET: 'x'.repeat(32),
  DATABASE_URL: 'postgres://compliance:stand-in@postgres.example:5432/compliance',
  ENCRYPTION_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
  ENCRYPTION_PASSPHRASE: 'stand-in passphrase',
  SMTP_URL: 'smtp://compliance:stand-in@mail.example:587',
};

/**
 * Optional Secret keys, and the workloads whose process reads them: those that open the
 * key provider (field encryption), and those that send mail. Nobody else gets them.
 */
const KEY_PROVIDER_USERS = [
  'access-review-campaigns',
  'access-review-service',
  'crm-sample',
  'dsr-deadline-check-daily',
  'dsr-service',
  'secret-rotation-daily',
  'vault-service',
];
const MAIL_SENDERS = [
  'access-review-campaigns',
  'access-review-service',
  'secret-rotation-daily',
  'vault-service',
];
const SECRET_USERS: Record<string, string[]> = {
  ENCRYPTION_MASTER_KEY: KEY_PROVIDER_USERS,
  ENCRYPTION_PASSPHRASE: KEY_PROVIDER_USERS,
  SMTP_URL: MAIL_SENDERS,
};

describe('kubernetes manifests', () => {
  const base = build('k8s/base');
  const ofKind = (kind: string) => base.filter((resource) => resource.kind === kind);
  const where = (resource: Resource) => `${resource.kind}/${resource.metadata.name}`;

  describe('files', () => {
    it('should parse every YAML file, each referenced by a kustomization', () => {
      const referenced = new Set(KUSTOMIZATIONS.flatMap(entriesOf));

      for (const file of yamlFilesUnder('k8s')) {
        expect(() => loadAll(readText(file), { schema: YAML11_SCHEMA })).not.toThrow();
        if (!file.endsWith('kustomization.yaml')) {
          expect({ file, referenced: referenced.has(file) }).toEqual({ file, referenced: true });
        }
      }
    });

    it('should point every kustomization entry at something that exists', () => {
      for (const entry of KUSTOMIZATIONS.flatMap(entriesOf)) {
        expect({ entry, exists: exists(entry) }).toEqual({ entry, exists: true });
      }
    });

    it('should ship no Secret: operators create compliance-secrets', () => {
      const kinds = yamlFilesUnder('k8s').flatMap((file) => loadYaml(file).map((doc) => doc.kind));

      expect(kinds).not.toContain('Secret');
    });
  });

  describe.each(KUSTOMIZATIONS)('%s, rendered', (dir) => {
    const resources = build(dir);

    it('should match the Kubernetes schema of each kind', () => {
      expect(resources.flatMap((resource) => kubernetesProblems(resource))).toEqual([]);
    });

    it('should place every namespaced resource in the compliance namespace', () => {
      const elsewhere = resources.filter(
        (r) => r.kind !== 'Namespace' && r.metadata.namespace !== 'compliance',
      );

      expect(elsewhere.map(where)).toEqual([]);
    });

    it('should let the gateway pool shrink through drains without losing it', () => {
      const hpa = find(resources, 'HorizontalPodAutoscaler', GATEWAY).spec as HpaSpec;
      const budget = find(resources, 'PodDisruptionBudget', GATEWAY).spec as BudgetSpec;
      const pod = podTemplateOf(find(resources, 'Deployment', GATEWAY))!;

      expect(hpa.scaleTargetRef).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: GATEWAY,
      });
      expect(hpa.minReplicas).toBeLessThanOrEqual(hpa.maxReplicas);
      // At its smallest, the pool must still allow one eviction, or drains hang.
      expect(
        budget.maxUnavailable ?? hpa.minReplicas - budget.minAvailable!,
      ).toBeGreaterThanOrEqual(1);
      expect(selects(budget.selector.matchLabels, pod.metadata.labels)).toBe(true);
    });
  });

  describe('apps', () => {
    it.each([...APPS])('should deploy %s with a Service that reaches its port', (app) => {
      const deployment = find(base, 'Deployment', app);
      const pod = podTemplateOf(deployment)!;
      const container = pod.spec.containers[0];
      const service = find(base, 'Service', app).spec as ServiceSpec;

      expect(container.args).toEqual([mainOf(app)]);
      expect(existsSync(sourceOfMain(mainOf(app))!)).toBe(true);
      expect(
        selects((deployment.spec as DeploymentSpec).selector.matchLabels, pod.metadata.labels),
      ).toBe(true);
      expect(selects(service.selector, pod.metadata.labels)).toBe(true);
      for (const port of service.ports) {
        expect(resolvePort(container, port.targetPort)).toBeDefined();
      }
    });

    it.each([...APPS])('should probe %s on the port it listens on', (app) => {
      const container = podTemplateOf(find(base, 'Deployment', app))!.spec.containers[0];
      const { values } = environmentOf(container, base);
      const port = Number(app === GATEWAY ? values.PORT : values.HEALTH_PORT);
      const probes = [container.readinessProbe, container.livenessProbe, container.startupProbe];

      expect(container.ports?.map((p) => p.containerPort)).toEqual([port]);
      expect(container.readinessProbe?.httpGet?.path).toBe('/health/ready');
      expect(container.livenessProbe?.httpGet?.path).toBe('/health/live');
      expect(probes.map((probe) => resolvePort(container, probe!.httpGet!.port))).toEqual([
        port,
        port,
        port,
      ]);
    });
  });

  describe.each(KUSTOMIZATIONS)('%s, pods', (dir) => {
    const resources = build(dir);
    const pods = workloads(resources);
    const containers = pods.flatMap(({ resource, pod }) =>
      pod.spec.containers.map((container) => ({ resource, pod, container })),
    );

    it('should cover the apps and the scheduled jobs, nothing else', () => {
      const deployments = pods.filter(({ resource }) => resource.kind === 'Deployment');

      expect(deployments.map(({ resource }) => resource.metadata.name).sort()).toEqual(
        [...APPS].sort(),
      );
      expect(pods).toHaveLength(APPS.length + SCHEDULED_TASKS.length);
    });

    it('should give every container only declared variables, valid as a whole', () => {
      for (const { resource, container } of containers) {
        const { values, fromSecrets, names } = environmentOf(container, resources);
        const stands = Object.fromEntries(
          Object.keys(fromSecrets).map((n) => [n, SECRET_STAND_INS[n]]),
        );
        const undeclared = names.filter(
          (name) => !SCHEMA_VARIABLES.includes(name) && !RUNTIME_VARIABLES.includes(name),
        );

        expect({ at: where(resource), undeclared }).toEqual({
          at: where(resource),
          undeclared: [],
        });
        expect({ at: where(resource), problems: envProblems({ ...values, ...stands }) }).toEqual({
          at: where(resource),
          problems: [],
        });
        expect(values).toMatchObject({
          HOST: '0.0.0.0',
          NATS_URL: expect.stringMatching(/^nats:/),
        });
        expect(fromSecrets).toHaveProperty('DATABASE_URL');
      }
    });

    it('should bound every container’s heap to at most half its memory limit', () => {
      for (const { resource, container } of containers) {
        const options = environmentOf(container, resources).values.NODE_OPTIONS ?? '';
        const heapMb = Number(/--max-old-space-size=(\d+)/.exec(options)?.[1]);
        const limitMb = mebibytes(container.resources?.limits?.memory);

        expect({ at: where(resource), heapMb: heapMb > 0 }).toEqual({
          at: where(resource),
          heapMb: true,
        });
        expect({ at: where(resource), withinHalf: heapMb <= limitMb / 2 }).toEqual({
          at: where(resource),
          withinHalf: true,
        });
      }
    });

    it('should take secrets from the operators’ Secret only, never as values', () => {
      for (const { resource, container } of containers) {
        const { values, fromSecrets } = environmentOf(container, resources);

        expect({
          at: where(resource),
          literal: SECRET_VARIABLES.filter((n) => n in values),
        }).toEqual({ at: where(resource), literal: [] });
        for (const [name, ref] of Object.entries(fromSecrets)) {
          expect(ref).toMatchObject({ name: 'compliance-secrets', key: name });
        }
        expect(container.envFrom?.filter((source) => source.secretRef) ?? []).toEqual([]);
      }
    });

    it.each(Object.entries(SECRET_USERS))(
      'should give %s, from the Secret and optional, to the workloads that read it',
      (name, users) => {
        const given = containers.filter(({ container }) =>
          (container.env ?? []).some((variable) => variable.name === name),
        );

        expect(given.map(({ resource }) => resource.metadata.name).sort()).toEqual(
          [...users].sort(),
        );
        for (const { container } of given) {
          const variable = container.env!.find((v) => v.name === name)!;

          expect(variable.valueFrom?.secretKeyRef).toEqual({
            name: 'compliance-secrets',
            key: name,
            optional: true,
          });
        }
      },
    );

    it('should run every pod as non-root, read-only and unprivileged, with a writable /tmp', () => {
      for (const { resource, pod, container } of containers) {
        const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
        // A claim's files must be the app's group to be writable; an emptyDir's always are.
        const claimed = pod.spec.volumes?.some((volume) => volume.persistentVolumeClaim);

        expect({ at: where(resource), pod: pod.spec.securityContext }).toEqual({
          at: where(resource),
          pod: {
            runAsNonRoot: true,
            runAsUser: 10001,
            runAsGroup: 10001,
            ...(claimed ? { fsGroup: 10001, fsGroupChangePolicy: 'OnRootMismatch' } : {}),
            seccompProfile: { type: 'RuntimeDefault' },
          },
        });
        expect({ at: where(resource), container: container.securityContext }).toEqual({
          at: where(resource),
          container: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ['ALL'] },
          },
        });
        expect(pod.spec.automountServiceAccountToken).toBe(false);
        expect(pod.spec.volumes?.find((v) => v.name === tmp?.name)?.emptyDir).toBeDefined();
      }
    });

    it('should request resources and cap them on every container', () => {
      for (const { container } of containers) {
        const { requests = {}, limits = {} } = container.resources ?? {};

        for (const name of ['cpu', 'memory']) {
          expect(quantity(limits[name])).toBeGreaterThanOrEqual(quantity(requests[name]));
        }
      }
    });

    it('should give every pod more time to stop than its preStop and drain take', () => {
      for (const { resource, pod, container } of containers) {
        const { values } = environmentOf(container, resources);
        const drainMs = Number(values.SHUTDOWN_TIMEOUT_MS ?? DEFAULT_SHUTDOWN_MS);
        const neededMs = preStopSeconds(container) * 1000 + drainMs;
        const graceMs = (pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;

        expect({ at: where(resource), enough: graceMs > neededMs }).toEqual({
          at: where(resource),
          enough: true,
        });
      }
    });
  });

  describe('scheduled jobs', () => {
    const cronJobs = ofKind('CronJob');
    const argsOf = (job: Resource) => podTemplateOf(job)!.spec.containers[0].args ?? [];

    it.each(SCHEDULED_TASKS)(
      'should run `$args` on `$schedule`, never twice at once',
      ({ args, schedule }) => {
        const job = cronJobs.find(
          (candidate) => argsOf(candidate).join(' ') === [CLI_MAIN, ...args].join(' '),
        );

        expect(job?.spec).toMatchObject({
          schedule,
          concurrencyPolicy: 'Forbid',
          timeZone: 'Etc/UTC',
        });
        expect(podTemplateOf(job!)!.spec.restartPolicy).toBe('Never');
      },
    );

    it.each(cronJobs.map((job) => [job.metadata.name, job] as const))(
      'should bound %s in time, retry it a little and keep its history',
      (_name, job) => {
        const spec = job.spec as {
          startingDeadlineSeconds?: number;
          successfulJobsHistoryLimit?: number;
          failedJobsHistoryLimit?: number;
          jobTemplate: { spec: { backoffLimit?: number; activeDeadlineSeconds?: number } };
        };

        expect(spec.startingDeadlineSeconds).toBeGreaterThan(0);
        expect(spec.successfulJobsHistoryLimit).toBeGreaterThan(0);
        expect(spec.failedJobsHistoryLimit).toBeGreaterThan(0);
        expect(spec.jobTemplate.spec.backoffLimit).toBeGreaterThan(0);
        expect(spec.jobTemplate.spec.activeDeadlineSeconds).toBeGreaterThan(0);
        expect(podTemplateOf(job)!.metadata.labels).toMatchObject({
          'app.kubernetes.io/name': job.metadata.name,
          'app.kubernetes.io/component': 'scheduled-job',
        });
      },
    );

    it('should schedule nothing else, all from the platform image', () => {
      const images = workloads(base).map(({ pod }) => pod.spec.containers[0].image);

      expect(cronJobs).toHaveLength(SCHEDULED_TASKS.length);
      expect(existsSync(sourceOfMain(CLI_MAIN)!)).toBe(true);
      expect(new Set(images)).toEqual(new Set([PLATFORM_IMAGE]));
    });
  });

  describe('network policies', () => {
    const policies = ofKind('NetworkPolicy').map((r) => ({
      name: r.metadata.name,
      spec: r.spec as PolicySpec,
    }));
    const podLabels = workloads(base).map(({ pod }) => pod.metadata.labels);
    // A rule without ports allows them all.
    const portsOf = (rule: { ports?: { port: number }[] }): (number | 'any')[] =>
      rule.ports?.map((p) => p.port) ?? ['any'];
    const onlyGateway = (spec: PolicySpec) =>
      podLabels
        .filter((labels) => selects(spec.podSelector.matchLabels, labels))
        .every((labels) => labels['app.kubernetes.io/name'] === GATEWAY);

    it('should deny all traffic unless allowed', () => {
      const denyAll = policies.find(
        ({ spec }) => Object.keys(spec.podSelector).length === 0 && !spec.ingress && !spec.egress,
      );

      expect(denyAll?.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    });

    it('should accept connections on the gateway port, elsewhere only from monitoring', () => {
      const fromMonitoring = (rules: NonNullable<PolicySpec['ingress']>) =>
        rules.every((rule) =>
          (rule.from ?? [{}]).every(
            (peer) =>
              peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'monitoring',
          ),
        );

      for (const { name, spec } of policies.filter((policy) => policy.spec.ingress)) {
        const ports = spec.ingress!.flatMap(portsOf);

        expect({
          name,
          ok: onlyGateway(spec) ? ports.every((p) => p === 3000) : fromMonitoring(spec.ingress!),
        }).toEqual({
          name,
          ok: true,
        });
      }
    });

    it('should let pods reach DNS, NATS and PostgreSQL only, and the gateway HTTPS too', () => {
      for (const { name, spec } of policies.filter((policy) => policy.spec.egress)) {
        const allowed = onlyGateway(spec) ? [53, 4222, 5432, 443] : [53, 4222, 5432];
        const ports = spec.egress!.flatMap(portsOf);

        expect({
          name,
          ports: ports.filter((port) => port === 'any' || !allowed.includes(port)),
        }).toEqual({
          name,
          ports: [],
        });
      }
    });

    it('should reach NATS in its own namespace, on the port the ConfigMap names', () => {
      const config = find(base, 'ConfigMap', 'compliance-config').data as Record<string, string>;
      const natsUrl = new URL(config.NATS_URL);
      const rules = policies.flatMap(({ spec }) => spec.egress ?? []);
      const nats = rules.find((rule) => rule.ports?.some((p) => p.port === Number(natsUrl.port)));

      expect(natsUrl.hostname).toBe('nats.nats.svc');
      expect(nats?.to).toEqual([
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'nats' } } },
      ]);
    });
  });

  describe('overlays', () => {
    it.each(OVERLAYS)('should give every container of %s a pinned image', (dir) => {
      const images = workloads(build(dir)).flatMap(({ pod }) =>
        pod.spec.containers.map((c) => c.image),
      );

      expect(
        images.filter((image) => !/^[^:@]+(:(?!latest$)[\w.-]+|@sha256:[a-f0-9]{64})$/.test(image)),
      ).toEqual([]);
    });

    it.each(OVERLAYS)(
      'should run every workload of %s on the image its kustomization sets',
      (dir) => {
        const images = readKustomization(dir).images ?? [];
        const [image] = images;
        const expected = `${image.newName ?? image.name}${image.digest ? `@${image.digest}` : `:${image.newTag}`}`;
        const wrong = workloads(build(dir)).flatMap(({ resource, pod }) =>
          pod.spec.containers
            .filter((container) => container.image !== expected)
            .map((container) => `${where(resource)}: ${container.image}`),
        );

        expect(images.map((entry) => entry.name)).toEqual([PLATFORM_IMAGE]);
        expect(wrong).toEqual([]);
      },
    );

    it('should build the same image in compose as the manifests name', () => {
      const compose = loadYaml('docker-compose.yml')[0] as {
        services: Record<string, { image?: string; build?: unknown }>;
      };
      const built = Object.values(compose.services).filter((service) => service.build);

      expect(built.map((service) => service.image?.split(':')[0])).toEqual(
        built.map(() => PLATFORM_IMAGE),
      );
    });

    it('should run production with spare replicas and a disruption budget for each app', () => {
      const resources = build('k8s/overlays/production');
      const budgets = resources
        .filter((r) => r.kind === 'PodDisruptionBudget')
        .map((r) => r.spec as BudgetSpec);

      // The gateway's replicas are its autoscaler's: checked above.
      for (const app of APPS.filter((name) => name !== GATEWAY)) {
        const spec = find(resources, 'Deployment', app).spec as DeploymentSpec;

        expect({ app, spare: (spec.replicas ?? 1) >= 2 }).toEqual({ app, spare: true });
      }
      for (const app of APPS) {
        const labels = podTemplateOf(find(resources, 'Deployment', app))!.metadata.labels;

        expect({
          app,
          budgeted: budgets.some((b) => selects(b.selector.matchLabels, labels)),
        }).toEqual({
          app,
          budgeted: true,
        });
      }
    });

    // build() is a small stand-in for kustomize. Where kubectl is installed, the real
    // kustomize must render the same resources, generated-name hashes aside.
    const kubectl =
      spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

    (kubectl ? it.each(KUSTOMIZATIONS) : it.skip.each(KUSTOMIZATIONS))(
      'should render %s as kustomize does',
      (dir) => {
        const rendered = spawnSync('kubectl', ['kustomize', join(ROOT, dir)], { encoding: 'utf8' });
        const unhashed = rendered.stdout.replace(/\b(compliance-config)-[a-z0-9]{10}\b/g, '$1');
        const byName = (resources: Resource[]) =>
          Object.fromEntries(resources.map((r) => [where(r), r]));

        expect(rendered.status).toBe(0);
        expect(byName(loadAll(unhashed, { schema: YAML11_SCHEMA }) as Resource[])).toEqual(
          byName(build(dir)),
        );
      },
    );
  });
});

/** A memory quantity in MiB: `384Mi`, `1Gi`; anything else counts as none. */
function mebibytes(quantity: string | undefined): number {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity ?? '');

  if (!match) {
    return 0;
  }

  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
}
