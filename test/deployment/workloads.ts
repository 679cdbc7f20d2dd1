import { isWithin } from './data-folders';
import { Resource } from './kustomize';

export interface Probe {
  httpGet?: { path: string; port: number | string };
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
}

export interface Container {
  name: string;
  image: string;
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] }; sleep?: { seconds: number } } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    runAsNonRoot?: boolean;
    capabilities?: { drop?: string[] };
  };
  volumeMounts?: VolumeMount[];
}

export interface VolumeMount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
  subPath?: string;
}

export interface Volume {
  name: string;
  emptyDir?: object;
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
}

export interface PodSpec {
  containers: Container[];
  automountServiceAccountToken?: boolean;
  restartPolicy?: string;
  terminationGracePeriodSeconds?: number;
  securityContext?: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    runAsGroup?: number;
    fsGroup?: number;
    fsGroupChangePolicy?: string;
    seccompProfile?: { type: string };
  };
  volumes?: Volume[];
}

export interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: PodSpec;
}

/** The pod template of a Deployment or a CronJob; undefined for other kinds. */
export function podTemplateOf(resource: Resource): PodTemplate | undefined {
  const spec = resource.spec as Record<string, Record<string, unknown>> | undefined;

  if (resource.kind === 'Deployment') {
    return spec?.template as unknown as PodTemplate;
  }
  if (resource.kind === 'CronJob') {
    return (spec?.jobTemplate.spec as { template: PodTemplate }).template;
  }
  return undefined;
}

export function workloads(resources: Resource[]): { resource: Resource; pod: PodTemplate }[] {
  return resources.flatMap((resource) => {
    const pod = podTemplateOf(resource);
    return pod ? [{ resource, pod }] : [];
  });
}

export function find(resources: Resource[], kind: string, name: string): Resource {
  const found = resources.find((r) => r.kind === kind && r.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}

/**
 * A container's environment as the kubelet builds it: the ConfigMaps of `envFrom`, then
 * `env`. Values from a Secret appear in `fromSecrets`, never among the values.
 */
export function environmentOf(container: Container, resources: Resource[]) {
  const values: Record<string, string> = {};
  const fromSecrets: Record<string, { name: string; key: string }> = {};

  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) {
      const configMap = find(resources, 'ConfigMap', source.configMapRef.name);
      Object.assign(values, configMap.data);
    }
  }

  for (const variable of container.env ?? []) {
    if (variable.valueFrom?.secretKeyRef) {
      fromSecrets[variable.name] = variable.valueFrom.secretKeyRef;
    } else if (variable.value !== undefined) {
      values[variable.name] = variable.value;
    }
  }

  return { values, fromSecrets, names: [...Object.keys(values), ...Object.keys(fromSecrets)] };
}

/**
 * The mount a path of a container lands on, the deepest one that holds it, with its
 * volume; undefined when the path is on the container's own filesystem.
 */
export function mountHolding(
  pod: PodTemplate,
  container: Container,
  path: string,
): { mount: VolumeMount; volume: Volume | undefined } | undefined {
  const holding = (container.volumeMounts ?? [])
    .filter((mount) => isWithin(path, mount.mountPath))
    .sort((a, b) => b.mountPath.length - a.mountPath.length);

  if (holding.length === 0) {
    return undefined;
  }

  const [mount] = holding;
  return { mount, volume: pod.spec.volumes?.find((volume) => volume.name === mount.name) };
}

/** The container port a probe or a Service names, by number or by port name. */
export function resolvePort(container: Container, port: number | string): number | undefined {
  if (typeof port === 'number') {
    return container.ports?.some((p) => p.containerPort === port) ? port : undefined;
  }
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

export function selects(
  selector: Record<string, string> | undefined,
  labels: Record<string, string>,
) {
  return Object.entries(selector ?? {}).every(([key, value]) => labels[key] === value);
}

/** Bytes of a memory quantity or millicores of a CPU quantity, for comparisons. */
export function quantity(value: string | number): number {
  const units: Record<string, number> = { '': 1, m: 1e-3, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30 };
  const match = /^([\d.]+)(m|Ki|Mi|Gi)?$/.exec(String(value));
  if (!match) throw new Error(`unsupported quantity ${value}`);
  return Number(match[1]) * units[match[2] ?? ''];
}

/** Seconds a preStop hook waits before the process gets SIGTERM. */
export function preStopSeconds(container: Container): number {
  const preStop = container.lifecycle?.preStop;
  const command = preStop?.exec?.command ?? [];
  return preStop?.sleep?.seconds ?? (command[0] === 'sleep' ? Number(command[1]) : 0);
}

export interface DeploymentSpec {
  replicas?: number;
  selector: { matchLabels: Record<string, string> };
}

export interface HpaSpec {
  scaleTargetRef: Record<string, string>;
  minReplicas: number;
  maxReplicas: number;
}

export interface BudgetSpec {
  minAvailable?: number;
  maxUnavailable?: number;
  selector: { matchLabels: Record<string, string> };
}

export interface ServiceSpec {
  selector: Record<string, string>;
  ports: { port: number; targetPort: number | string }[];
}

export interface PolicyPeer {
  namespaceSelector?: { matchLabels?: Record<string, string> };
  podSelector?: { matchLabels?: Record<string, string> };
  ipBlock?: unknown;
}

export interface PolicySpec {
  podSelector: { matchLabels?: Record<string, string> };
  policyTypes: string[];
  ingress?: { from?: PolicyPeer[]; ports?: { port: number }[] }[];
  egress?: { to?: PolicyPeer[]; ports?: { port: number }[] }[];
}
