import { posix } from 'node:path';

import { foldersWrittenBy } from './data-folders';
import { build, Resource } from './kustomize';
import { environmentOf, mountHolding, workloads } from './workloads';

const KUSTOMIZATIONS = ['k8s/base', 'k8s/overlays/dev', 'k8s/overlays/production'];

interface ClaimSpec {
  accessModes?: string[];
  storageClassName?: string;
  resources?: { requests?: { storage?: string } };
}

/** Every folder a container with a read-only root writes to, and the claim it lands on. */
function writesOf(resources: Resource[]) {
  return workloads(resources).flatMap(({ resource, pod }) =>
    pod.spec.containers
      .filter((container) => container.securityContext?.readOnlyRootFilesystem)
      .flatMap((container) => {
        const { values } = environmentOf(container, resources);

        return foldersWrittenBy(container.args ?? [], values).map(({ data, folder }) => {
          const held = mountHolding(pod, container, folder);
          const claim = held?.volume?.persistentVolumeClaim;
          const writable = !held?.mount.readOnly && !claim?.readOnly;

          return {
            at: `${resource.kind}/${resource.metadata.name}`,
            data,
            folder,
            claim: claim && writable ? claim.claimName : undefined,
            // Where the folder sits inside the claim, so that two pods can be seen to share it.
            inClaim: held
              ? posix.join(held.mount.subPath ?? '', posix.relative(held.mount.mountPath, folder))
              : undefined,
          };
        });
      }),
  );
}

function claimsOf(resources: Resource[]): Map<string, ClaimSpec> {
  return new Map(
    resources
      .filter((resource) => resource.kind === 'PersistentVolumeClaim')
      .map((resource) => [resource.metadata.name, resource.spec as ClaimSpec]),
  );
}

describe('kubernetes storage', () => {
  describe.each(KUSTOMIZATIONS)('%s, rendered', (dir) => {
    const resources = build(dir);
    const writes = writesOf(resources);
    const claims = claimsOf(resources);

    it('should keep every folder an app writes on a writable claim, not the read-only root', () => {
      // The DSR service and retention write files; an empty list would mean the table broke.
      expect(new Set(writes.map((write) => write.data))).toEqual(
        new Set(['DSR export parts', 'retention archives']),
      );
      expect(writes.filter((write) => write.claim === undefined)).toEqual([]);
      expect(writes.filter(({ claim }) => claim !== undefined && !claims.has(claim))).toEqual([]);
    });

    it('should give each kind of data one folder of one claim, shared by service and jobs', () => {
      const places = new Map<string, Set<string>>();

      for (const { data, claim, inClaim } of writes) {
        places.set(data, new Set([...(places.get(data) ?? []), `${claim}:${inClaim}`]));
      }

      for (const [data, where] of places) {
        expect({ data, places: where.size }).toEqual({ data, places: 1 });
      }
    });
  });

  // Replicas of a service, and the CronJob's pod, may run on different nodes at once.
  it.each(['k8s/base', 'k8s/overlays/production'])(
    'should ask %s for ReadWriteMany claims that something mounts',
    (dir) => {
      const resources = build(dir);
      const mounted = new Set(writesOf(resources).map((write) => write.claim));

      for (const [name, spec] of claimsOf(resources)) {
        expect({ name, accessModes: spec.accessModes, mounted: mounted.has(name) }).toEqual({
          name,
          accessModes: ['ReadWriteMany'],
          mounted: true,
        });
        expect(spec.resources?.requests?.storage).toMatch(/^\d+Gi$/);
      }
    },
  );

  it('should leave the storage class to the overlays: it is the cluster’s', () => {
    const classes = [...claimsOf(build('k8s/base')).values()].map((s) => s.storageClassName);

    expect(classes.filter((name) => name !== undefined)).toEqual([]);
  });
});
