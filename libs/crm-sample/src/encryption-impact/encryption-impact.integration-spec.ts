import { randomUUID } from 'node:crypto';

import { AuthContext, encryptionImpact, ImpactReport, ImpactRequest } from '@compliance/contracts';
import { openDataSource } from '@compliance/persistence';
import { buildAuthContext, ServiceTestBed, startServiceTestBed } from '@compliance/testing';
import { DataSource } from 'typeorm';

import { crmSampleService } from '../crm-sample.definition';

const ACTIVE_ID = '00000000-0000-4000-8000-0000000000c1';

function encryptionPolicy(fields: string): string {
  return `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: encryption
spec:
  enforcement: soft
  encryption:
    fields:
${fields}`;
}

const ACTIVE = encryptionPolicy('      - { entity: contact, fields: [email, phone] }\n');
const CANDIDATE = encryptionPolicy(
  '      - { entity: contact, fields: [email, dateOfBirth] }\n' +
    '      - { entity: activity, fields: [summary] }\n',
);

describe('EncryptionImpactService over NATS and PostgreSQL', () => {
  let bed: ServiceTestBed;
  const companyId = randomUUID();
  let dataSource: DataSource;

  async function impact(
    request: ImpactRequest,
    auth: AuthContext = buildAuthContext({ companyId }),
  ): Promise<ImpactReport> {
    return bed.ask(encryptionImpact, request, auth);
  }

  beforeAll(async () => {
    bed = await startServiceTestBed(crmSampleService, 'encryption-impact');
    dataSource = await openDataSource({
      endpoint: { kind: 'url', url: bed.database.url },
      entities: [],
      poolSize: 2,
      applicationName: 'encryption-impact-test',
    });

    // Two contacts with sealed PII; three activities, two of them with a summary in clear.
    const contacts: { id: string }[] = await dataSource.query(
      `INSERT INTO crm.contacts (company_id, email_encrypted, phone_encrypted)
       VALUES ($1, 'sealed', 'sealed'), ($1, 'sealed', NULL) RETURNING id`,
      [companyId],
    );
    await dataSource.query(
      `INSERT INTO crm.activities (company_id, contact_id, kind, summary)
       VALUES ($1, $2, 'call', 'asked for a quote'), ($1, $2, 'mail', 'sent the quote'),
              ($1, $3, 'call', NULL)`,
      [companyId, contacts[0].id, contacts[1].id],
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await bed?.close();
  });

  it('should count records with each required field in clear, now and as candidate', async () => {
    const report = await impact({
      candidate: CANDIDATE,
      replacesPolicyId: ACTIVE_ID,
      active: [{ policyId: ACTIVE_ID, document: ACTIVE }],
      now: new Date().toISOString(),
    });

    // Contact email and phone are sealed: none in clear. Summaries are plain: two of the
    // three activities hold one, required only by the candidate. No date of birth is held.
    expect(report).toEqual({
      service: 'crm-sample',
      items: [
        { key: 'activity.summary', current: 0, candidate: 2 },
        { key: 'contact.dateOfBirth', current: 0, candidate: 0 },
        { key: 'contact.email', current: 0, candidate: 0 },
        { key: 'contact.phone', current: 0, candidate: 0 },
      ],
    });
  });

  it('should honour an entity exception in force, counting the caller company only', async () => {
    const excepted = CANDIDATE.replace(
      'spec:\n',
      `spec:
  exceptions:
    - id: legacy-activities
      rule: encryption.activity
      resource: { entity: activity }
      reason: migration in progress
      approvedBy: dpo
      expiresAt: 2099-12-31
`,
    );

    const withException = await impact({
      candidate: excepted,
      active: [],
      now: new Date().toISOString(),
    });
    const otherCompany = await impact(
      { candidate: CANDIDATE, active: [], now: new Date().toISOString() },
      buildAuthContext({ companyId: randomUUID() }),
    );

    expect(withException.items.find((item) => item.key === 'activity.summary')).toEqual({
      key: 'activity.summary',
      current: 0,
      candidate: 0,
    });
    expect(otherCompany.items.find((item) => item.key === 'activity.summary')?.candidate).toBe(0);
  });
});
