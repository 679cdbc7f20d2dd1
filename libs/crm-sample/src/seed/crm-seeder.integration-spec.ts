import { randomUUID } from 'node:crypto';

import { AuthContext, dsrConnectorRegistered } from '@compliance/contracts';
import { createFieldEncryption, cryptoMigrations, FieldEncryption } from '@compliance/crypto';
import { InProcessMessageBus } from '@compliance/messaging';
import { openDataSource, runMigrations } from '@compliance/persistence';
import { createTestDatabase, TestDatabase } from '@compliance/testing';
import { DataSource } from 'typeorm';

import { createCrmConnector } from '../connector/crm-connector';
import { CrmContactsRepository } from '../contacts/crm-contacts.repository';
import { crmMigrations } from '../migrations/crm.migrations';
import { CrmConnectorLifecycle } from '../runtime/crm-connector.lifecycle';
import { CrmUsersService } from '../users/crm-users.service';
import { CrmSeeder } from './crm-seeder';
import { samplePerson } from './sample-people';

describe('CrmSeeder', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let encryption: FieldEncryption;

  beforeAll(async () => {
    database = await createTestDatabase();
    const endpoint = { kind: 'url' as const, url: database.url };
    await runMigrations(endpoint, [cryptoMigrations, crmMigrations]);
    dataSource = await openDataSource({
      endpoint,
      entities: [],
      poolSize: 4,
      applicationName: 'crm-seed-test',
    });
    encryption = await createFieldEncryption(dataSource, {
      kind: 'local',
      environment: 'development',
      allowGeneratedKey: true,
    });
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('should write contacts with sealed PII found by blind index, with their records', async () => {
    const companyId = randomUUID();
    const seeder = new CrmSeeder(
      dataSource,
      encryption,
      new CrmUsersService(dataSource, undefined),
    );

    const result = await seeder.seed(auth(companyId), { contacts: 1200, batchSize: 500 });

    expect(result).toMatchObject({ contacts: 1200, users: 3 });
    const [counts] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM crm.contacts WHERE company_id = $1) AS contacts,
         (SELECT count(*)::int FROM crm.activities WHERE company_id = $1) AS activities,
         (SELECT count(*)::int FROM crm.leads WHERE company_id = $1) AS leads,
         (SELECT count(*)::int FROM crm.contacts WHERE company_id = $1
            AND email_encrypted LIKE '%@%') AS plain_emails`,
      [companyId],
    );
    // Two activities per contact; about half the contacts are leads (binomial, n = 1200).
    expect(counts).toMatchObject({ contacts: 1200, activities: 2400, plain_emails: 0 });
    expect(counts.leads).toBeGreaterThan(450);
    expect(counts.leads).toBeLessThan(750);

    const [{ email_encrypted: sealed, id }] = await dataSource.query(
      'SELECT id, email_encrypted FROM crm.contacts WHERE company_id = $1 LIMIT 1',
      [companyId],
    );
    const email = await encryption.decrypt(sealed, {
      companyId,
      entity: 'crm.contacts',
      field: 'email',
      recordId: id,
    });
    const repository = new CrmContactsRepository(dataSource, encryption);
    expect(await repository.findIdByEmail(companyId, email)).toBe(id);
  });

  it('should make the users once and queue their creation and login events', async () => {
    const companyId = randomUUID();
    const seeder = new CrmSeeder(
      dataSource,
      encryption,
      new CrmUsersService(dataSource, undefined),
    );

    await seeder.seed(auth(companyId), { contacts: 10 });
    await seeder.seed(auth(companyId), { contacts: 10 });

    const events = await dataSource.query<{ subject: string }[]>(
      `SELECT subject FROM crm.outbox WHERE envelope -> 'context' ->> 'companyId' = $1`,
      [companyId],
    );
    const subjects = events.map((event) => event.subject);
    expect(subjects.filter((s) => s.includes('user-created'))).toHaveLength(3);
    expect(subjects.filter((s) => s.includes('role-granted'))).toHaveLength(3);
    expect(subjects.filter((s) => s.includes('user-active'))).toHaveLength(3);
  });

  it('should refuse activity of a user of another company as not found', async () => {
    const users = new CrmUsersService(dataSource, undefined);
    const userId = await users.create(auth(randomUUID()), { displayName: 'A', role: 'sales' });

    await expect(users.recordActivity(auth(randomUUID()), userId, 'login')).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('should announce the connector once for each company it holds data of', async () => {
    const bus = new InProcessMessageBus();
    const announced: string[] = [];
    await bus.consume(dsrConnectorRegistered.subject, { durableName: 'test' }, async (envelope) => {
      announced.push((envelope as { context: AuthContext }).context.companyId);
    });
    const lifecycle = new CrmConnectorLifecycle(
      dataSource,
      createCrmConnector(dataSource, bus, encryption),
    );

    const first = await lifecycle.announceNewCompanies();
    const second = await lifecycle.announceNewCompanies();

    const [{ companies }] = await dataSource.query(
      'SELECT count(DISTINCT company_id)::int AS companies FROM crm.companies',
    );
    expect(first).toBe(companies);
    expect(second).toBe(0);
    expect(new Set(announced).size).toBe(companies);
  });
});

describe('samplePerson', () => {
  it('should give each person of a run an e-mail of their own', () => {
    const emails = new Set(Array.from({ length: 5000 }, (_, n) => samplePerson('r1', n).email));

    expect(emails.size).toBe(5000);
  });
});

function auth(companyId: string): AuthContext {
  return {
    requestId: randomUUID(),
    companyId,
    actor: { type: 'system', id: 'seed-test' },
    scopes: [],
  };
}
