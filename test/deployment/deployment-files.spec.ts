import { existsSync } from 'node:fs';

import {
  durationSeconds,
  environmentOf,
  environmentWithEnvExample,
  loadCompose,
  volumeHolding,
} from './compose';
import { foldersWrittenBy } from './data-folders';
import {
  APPS,
  envProblems,
  GATEWAY,
  mainOf,
  NOT_DEPLOYED,
  readText,
  RUNTIME_VARIABLES,
  SCHEMA_VARIABLES,
  schemaDefault,
  SECRET_VARIABLES,
  SERVICES,
  sourceOfMain,
  workspaceApps,
} from './deployment-files';
import { composeProblems } from './schema-validators';

const DEFAULT_SHUTDOWN_MS = Number(schemaDefault('SHUTDOWN_TIMEOUT_MS'));

// The Kubernetes manifests have their own spec, kubernetes-manifests.spec.ts.
describe('deployment files', () => {
  describe('deployed apps', () => {
    it('should deploy every app of the workspace but the CLI and standalone', () => {
      expect([...APPS].sort()).toEqual([
        'access-review-service',
        'crm-sample',
        'dsr-service',
        GATEWAY,
        'policy-service',
        'retention-service',
        'vault-service',
      ]);
      expect(SERVICES).toEqual([
        'access-review-service',
        'dsr-service',
        'policy-service',
        'retention-service',
        'vault-service',
      ]);
    });

    it('should leave out only apps that exist, so a renamed one is not skipped silently', () => {
      expect(workspaceApps()).toEqual(expect.arrayContaining(Object.keys(NOT_DEPLOYED)));
    });
  });

  describe('Dockerfile', () => {
    const stages = readText('Dockerfile')
      .split(/^FROM /m)
      .slice(1);
    const runtime = stages[stages.length - 1];

    it('should build once and keep only production dependencies and dist at run time', () => {
      expect(stages.map((stage) => /\bAS (\S+)/.exec(stage)?.[1])).toEqual([
        'deps',
        'build',
        'prod-deps',
        'runtime',
      ]);
      expect(stages[1]).toMatch(/^RUN npm run build$/m);
      expect(stages[2]).toMatch(/npm ci --omit=dev/);
      expect(runtime).toMatch(/^node:\$\{NODE_VERSION\}-bookworm-slim AS runtime/);
      expect(runtime.match(/^COPY .*$/gm)).toEqual([
        'COPY --from=prod-deps /app/node_modules ./node_modules',
        'COPY --from=build /app/dist ./dist',
        'COPY package.json ./',
      ]);
    });

    it('should run as the non-root uid 10001', () => {
      expect(runtime).toMatch(/useradd .*--uid 10001/);
      expect(runtime).toMatch(/^USER 10001:10001$/m);
    });

    it('should choose the app by argument, defaulting to the gateway', () => {
      expect(runtime).toMatch(/^ENTRYPOINT \["node", "--enable-source-maps"\]$/m);
      expect(runtime).toMatch(new RegExp(`^CMD \\["${mainOf(GATEWAY)}"\\]$`, 'm'));
    });

    it('should set only declared variables, listening on every interface', () => {
      const env = /^ENV ((?:.*\\\n)*.*)$/m.exec(runtime)?.[1] ?? '';
      const assignments = Object.fromEntries(
        [...env.matchAll(/([A-Z_]+)=(\S+)/g)].map(([, name, value]) => [name, value]),
      );

      expect(assignments).toMatchObject({ HOST: '0.0.0.0', NODE_ENV: 'production' });
      expect(Object.keys(assignments).filter((n) => !SCHEMA_VARIABLES.includes(n))).toEqual([]);
      expect(envProblems(assignments)).toEqual([]);
    });
  });

  describe('.dockerignore', () => {
    it('should keep local state, secrets and build output out of the build context', () => {
      const ignored = readText('.dockerignore').split('\n');
      const required = ['node_modules', 'dist', '.data', '.git', 'coverage', 'tmp', '.nx', '.env'];

      expect(required.filter((entry) => !ignored.includes(entry))).toEqual([]);
    });
  });

  describe('.env.example', () => {
    const lines = readText('.env.example').split('\n');
    const entries = lines.flatMap((line, index) => {
      const match = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
      return match ? [{ index, commented: !!match[1], name: match[2], value: match[3] }] : [];
    });
    const assigned = entries.filter((entry) => !entry.commented);

    it('should list every declared variable, each under a comment of its own', () => {
      expect(SCHEMA_VARIABLES.filter((name) => !entries.some((e) => e.name === name))).toEqual([]);

      for (const { index, name } of entries) {
        expect({ name, above: lines[index - 1] }).toEqual({
          name,
          above: expect.stringMatching(/^# (?![A-Z][A-Z0-9_]*=)\S/),
        });
      }
    });

    it('should name nothing the platform does not read, besides the postgres image settings', () => {
      const unknown = entries.map((e) => e.name).filter((n) => !SCHEMA_VARIABLES.includes(n));

      expect(unknown.filter((name) => !name.startsWith('POSTGRES_'))).toEqual([]);
    });

    it('should give the declared defaults and pass validation as it stands', () => {
      const values = Object.fromEntries(assigned.map((entry) => [entry.name, entry.value]));

      for (const name of SCHEMA_VARIABLES) {
        const fallback = schemaDefault(name);

        if (fallback !== undefined) {
          expect({ name, value: values[name] }).toEqual({ name, value: String(fallback) });
        }
      }

      const declared = assigned.filter((entry) => SCHEMA_VARIABLES.includes(entry.name));
      expect(envProblems(Object.fromEntries(declared.map((e) => [e.name, e.value])))).toEqual([]);
    });

    it('should mark secrets and leave their values empty', () => {
      expect(SECRET_VARIABLES).toEqual(
        expect.arrayContaining([
          'AUTH_JWT_SECRET',
          'DATABASE_URL',
          'ENCRYPTION_MASTER_KEY',
          'ENCRYPTION_PASSPHRASE',
          'POSTGRES_PASSWORD',
          'SMTP_URL',
          'VAULT_TOKEN',
        ]),
      );

      for (const name of SECRET_VARIABLES) {
        const entry = entries.find((e) => e.name === name)!;

        expect({ name, value: entry.value }).toEqual({ name, value: '' });
      }
    });
  });

  describe('docker-compose.yml', () => {
    const compose = loadCompose();
    const services = compose.services;
    const envOf = (name: string) => environmentOf(services[name]);

    it('should match the Compose Specification, without the obsolete version key', () => {
      expect(composeProblems(compose)).toEqual([]);
      expect(compose).not.toHaveProperty('version');
    });

    it('should run the gateway and each service from its entry point, beside postgres and nats', () => {
      expect(Object.keys(services).sort()).toEqual([...APPS, 'nats', 'postgres'].sort());

      for (const app of APPS) {
        expect({ app, command: services[app].command }).toEqual({ app, command: [mainOf(app)] });
        expect(existsSync(sourceOfMain(mainOf(app))!)).toBe(true);
      }
    });

    it('should start every app once what it needs is healthy, the gateway last', () => {
      for (const app of APPS) {
        const dependsOn = services[app].depends_on ?? {};

        expect(Object.keys(dependsOn)).toEqual(expect.arrayContaining(['postgres', 'nats']));
        for (const [dependency, { condition }] of Object.entries(dependsOn)) {
          expect({ app, dependency, condition }).toEqual({
            app,
            dependency,
            condition: 'service_healthy',
          });
          expect(services[dependency].healthcheck).toBeDefined();
        }
      }
      expect(Object.keys(services[GATEWAY].depends_on ?? {})).toEqual(
        expect.arrayContaining([...SERVICES]),
      );
    });

    it('should probe readiness on the port each app listens on', () => {
      for (const app of APPS) {
        const env = envOf(app);
        const port = app === GATEWAY ? env.PORT : env.HEALTH_PORT;
        const probe = (services[app].healthcheck?.test ?? []).join(' ');

        expect({ app, port }).toEqual({ app, port: expect.stringMatching(/^\d+$/) });
        expect(probe).toContain(`"http://127.0.0.1:${port}/health/ready"`);
      }
      expect(services[GATEWAY].ports).toEqual([`127.0.0.1:3000:${envOf(GATEWAY).PORT}`]);
    });

    it('should give each app its database and bus, listening on every interface', () => {
      for (const app of APPS) {
        expect(envOf(app)).toMatchObject({ HOST: '0.0.0.0', NATS_URL: 'nats://nats:4222' });
        expect(envOf(app).DATABASE_URL).toMatch(
          /^postgres:\/\/\$\{POSTGRES_USER.*@postgres:5432\//,
        );
        expect(services[app].env_file).toBe('.env');
      }
    });

    it('should pass only declared variables to the apps, and only its own to postgres', () => {
      const names = APPS.flatMap((app) => Object.keys(envOf(app)));
      const postgres = Object.keys(envOf('postgres'));

      expect(
        names.filter(
          (name) => !SCHEMA_VARIABLES.includes(name) && !RUNTIME_VARIABLES.includes(name),
        ),
      ).toEqual([]);
      expect(postgres).toContain('POSTGRES_PASSWORD');
      expect(postgres.filter((name) => !name.startsWith('POSTGRES_'))).toEqual([]);
    });

    it('should hold no secret literal: passwords and keys come from .env, required', () => {
      const required = /^\$\{[A-Z_]+:\?[^}]+\}$/;
      // DATABASE_URL is assembled from parts; its password is checked below.
      const isSecret = (key: string) =>
        key !== 'DATABASE_URL' &&
        (/PASSWORD|SECRET|TOKEN|KEY/.test(key) || SECRET_VARIABLES.includes(key));

      for (const name of Object.keys(services)) {
        for (const [key, value] of Object.entries(envOf(name))) {
          if (isSecret(key)) {
            expect({ key, value }).toEqual({ key, value: expect.stringMatching(required) });
          }
        }
      }

      // The password inside DATABASE_URL is interpolated too, and never given a default.
      const text = readText('docker-compose.yml');
      const passwords = [...text.matchAll(/\$\{POSTGRES_PASSWORD([^}]*)\}/g)].map((m) => m[1]);
      expect(passwords.length).toBeGreaterThan(0);
      expect(passwords.filter((rest) => !rest.startsWith(':?'))).toEqual([]);
      for (const app of APPS) {
        expect(envOf(app).DATABASE_URL).toMatch(
          /^postgres:\/\/\$\{POSTGRES_USER[^}]*\}:\$\{POSTGRES_PASSWORD:\?[^}]+\}@/,
        );
      }
    });

    it('should give apps longer to stop than they take to drain, in hardened containers', () => {
      for (const app of APPS) {
        const service = services[app];
        const graceMs = durationSeconds(service.stop_grace_period ?? '10s') * 1000;
        const drainMs = Number(envOf(app).SHUTDOWN_TIMEOUT_MS ?? DEFAULT_SHUTDOWN_MS);

        expect({ app, enough: graceMs > drainMs }).toEqual({ app, enough: true });
        expect(service).toMatchObject({ read_only: true, cap_drop: ['ALL'], tmpfs: ['/tmp'] });
        expect(service.security_opt).toContain('no-new-privileges:true');
      }
    });

    it('should keep every folder an app writes in a named volume, off its read-only root', () => {
      const writes = APPS.flatMap((app) => {
        const service = services[app];
        const written = foldersWrittenBy(service.command ?? [], environmentWithEnvExample(service));

        return written.map(({ data, folder }) => {
          const volume = volumeHolding(service, folder);
          const writable = volume?.named && !volume.readOnly;

          return { app, data, folder, volume: writable ? volume.source : undefined };
        });
      });

      // The DSR service and retention write files; an empty list would mean the table broke.
      expect(writes.map(({ app }) => app)).toEqual(['dsr-service', 'retention-service']);
      expect(
        writes.filter(({ volume }) => volume === undefined || !(volume in (compose.volumes ?? {}))),
      ).toEqual([]);
    });

    it('should keep postgres and nats data in named volumes, checked with tools the images have', () => {
      expect(services.postgres.image).toBe('postgres:16');
      expect(services.postgres.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
      expect(services.postgres.healthcheck?.test.join(' ')).toContain('pg_isready');

      // The alpine variant has busybox wget; the default nats image is a bare binary.
      expect(services.nats.image).toBe('nats:2.10-alpine');
      expect(services.nats.command).toEqual(['-js', '-sd', '/data', '-m', '8222']);
      expect(services.nats.volumes).toEqual(['nats-data:/data']);
      expect(services.nats.healthcheck?.test).toEqual(
        expect.arrayContaining(['wget', 'http://127.0.0.1:8222/healthz']),
      );
      expect(Object.keys(compose.volumes ?? {}).sort()).toEqual([
        'dsr-exports',
        'nats-data',
        'postgres-data',
        'retention-archives',
      ]);
    });
  });
});
