import { residencyCategoriesSchema } from '@compliance/contracts';
import {
  COMPLIANCE_POLICY_SCHEMA,
  DATA_CATEGORIES,
  validatePolicy,
} from '@compliance/policy-engine';

/** Whether a policy's `residency.categories` may hold these placements. */
function policyAccepts(categories: unknown): boolean {
  const document = `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata: { name: parity, frameworks: [GDPR] }
spec:
  residency:
    primaryRegion: eu-west-1
    storagePrefixes: { eu-west-1: s3://crm-eu/ }
    categories: ${JSON.stringify(categories)}
`;

  return validatePolicy(document).errors.length === 0;
}

const HEALTH = { primaryRegion: 'eu-central-2', storagePrefix: 's3://crm-health/' };

/** Each case with whether both must take it. */
const CASES: [string, unknown, boolean][] = [
  ['none', {}, true],
  ['a category in a region of its own, under a prefix of its own', { health: HEALTH }, true],
  [
    'a category replicated',
    { financial: { primaryRegion: 'eu-north-1', replicationRegions: ['eu-west-1'] } },
    true,
  ],
  [
    'every category at once',
    Object.fromEntries(DATA_CATEGORIES.map((category) => [category, HEALTH])),
    true,
  ],
  ...COMPLIANCE_POLICY_SCHEMA.definitions.region.enum.map(
    (region, _index, all): [string, unknown, boolean] => [
      `${region} as the primary region, every other as a replica`,
      { health: { primaryRegion: region, replicationRegions: all.filter((r) => r !== region) } },
      true,
    ],
  ),
  ['an unknown category', { helth: HEALTH }, false],
  ['an unknown region', { health: { primaryRegion: 'eu-centrl-2' } }, false],
  ['an unknown replica', { health: { ...HEALTH, replicationRegions: ['mars-north-1'] } }, false],
  [
    'a replica in its own primary region',
    { health: { ...HEALTH, replicationRegions: ['eu-central-2'] } },
    false,
  ],
  [
    'a replica listed twice',
    { health: { ...HEALTH, replicationRegions: ['eu-west-1', 'eu-west-1'] } },
    false,
  ],
  ['an empty prefix', { health: { ...HEALTH, storagePrefix: '' } }, false],
  ['a prefix of 500 characters', { health: { ...HEALTH, storagePrefix: 'a'.repeat(500) } }, true],
  ['a prefix of 501 characters', { health: { ...HEALTH, storagePrefix: 'a'.repeat(501) } }, false],
  ['a key the placement does not have', { health: { ...HEALTH, allowedRegions: [] } }, false],
  ['no primary region', { health: { storagePrefix: 's3://crm-health/' } }, false],
  [
    'replicas that are not a list',
    { health: { ...HEALTH, replicationRegions: 'eu-west-1' } },
    false,
  ],
  ['a placement that is not a mapping', { health: 'eu-central-2' }, false],
  ['categories that are not a mapping', ['health'], false],
];

describe('residencyCategoriesSchema', () => {
  it.each(CASES)('should judge %s as a policy document does', (_label, categories, accepted) => {
    expect(residencyCategoriesSchema.safeParse(categories).success).toBe(accepted);
    expect(policyAccepts(categories)).toBe(accepted);
  });

  it('should name the offending field of a placement', () => {
    const result = residencyCategoriesSchema.safeParse({
      helth: HEALTH,
      health: { primaryRegion: 'eu-central-2', replicationRegions: ['eu-central-2'] },
    });

    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'health.replicationRegions.0',
      'helth',
    ]);
  });
});
