import { isWithin } from './data-folders';
import { loadYaml, readText } from './deployment-files';

export interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, unknown> | string[];
  env_file?: string;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  volumes?: string[];
  stop_grace_period?: string;
  read_only?: boolean;
  cap_drop?: string[];
  security_opt?: string[];
  tmpfs?: string[];
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export function loadCompose(): ComposeFile {
  return loadYaml('docker-compose.yml')[0] as unknown as ComposeFile;
}

/** A service's `environment`, in either of its two spellings, as written (not interpolated). */
export function environmentOf(service: ComposeService): Record<string, string> {
  const environment = service.environment ?? {};

  return Array.isArray(environment)
    ? Object.fromEntries(environment.map((line) => line.split(/=(.*)/s).slice(0, 2)))
    : Object.fromEntries(Object.entries(environment).map(([k, v]) => [k, String(v)]));
}

/**
 * What an app's process is given with `.env` copied from `.env.example`, as the file's
 * header says to: `env_file` first, `environment:` over it. Empty values count as unset.
 */
export function environmentWithEnvExample(service: ComposeService): Record<string, string> {
  const fromFile = readText('.env.example')
    .split('\n')
    .flatMap((line) => {
      const match = /^([A-Z][A-Z0-9_]*)=(.+)$/.exec(line);
      return match ? [[match[1], match[2]] as const] : [];
    });

  return { ...Object.fromEntries(fromFile), ...environmentOf(service) };
}

/**
 * The deepest of a service's `volumes:` entries holding a path: `source:target[:mode]`,
 * where a source that is not a path names a volume.
 */
export function volumeHolding(service: ComposeService, path: string) {
  const mounts = (service.volumes ?? [])
    .map((entry) => {
      const [source, target, mode] = entry.split(':');
      return { source, target, named: !/^[./~]/.test(source), readOnly: mode === 'ro' };
    })
    .filter((mount) => isWithin(path, mount.target))
    .sort((a, b) => b.target.length - a.target.length);

  return mounts[0];
}

/** Seconds of a Compose duration such as `30s` or `1m30s`. */
export function durationSeconds(duration: string): number {
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };

  return [...duration.matchAll(/([\d.]+)(ms|h|m|s)/g)].reduce(
    (sum, [, amount, unit]) => sum + Number(amount) * units[unit],
    0,
  );
}
