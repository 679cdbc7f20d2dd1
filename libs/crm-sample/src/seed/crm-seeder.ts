import { randomBytes, randomUUID } from 'node:crypto';

import { AuthContext } from '@compliance/contracts';
import { CryptoError, EncryptedFieldCodec, FieldEncryption } from '@compliance/crypto';
import { DataSource } from 'typeorm';

import { CrmUsersService } from '../users/crm-users.service';
import { crmSeedQueries } from './crm-seed.queries';
import { SamplePerson, samplePerson } from './sample-people';

export interface SeedOptions {
  contacts: number;
  batchSize?: number;
  /** Called after each batch with the contacts written so far. */
  onProgress?: (written: number) => void;
}

export interface SeedResult {
  contacts: number;
  users: number;
  encryptMs: number;
  insertMs: number;
}

const DEFAULT_BATCH_SIZE = 5000;
const SAMPLE_USERS = [
  { displayName: 'Sales lead', role: 'admin' },
  { displayName: 'Account executive', role: 'sales' },
  { displayName: 'Support agent', role: 'support' },
];

/**
 * Realistic CRM data at any size: contacts with encrypted PII and blind indexes, and the
 * leads, deals, notes, activities and invoices around them, written batch by batch.
 */
export class CrmSeeder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly encryption: FieldEncryption,
    private readonly users: CrmUsersService,
  ) {}

  async seed(auth: AuthContext, options: SeedOptions): Promise<SeedResult> {
    const companyId = auth.companyId;
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    const accountId = await this.ensureCompany(companyId);
    const userIds = await this.ensureUsers(auth);
    const run = randomBytes(3).toString('hex');
    const result: SeedResult = { contacts: 0, users: userIds.length, encryptMs: 0, insertMs: 0 };

    for (let start = 0; start < options.contacts; start += batchSize) {
      const size = Math.min(batchSize, options.contacts - start);

      const encryptStarted = performance.now();
      const batch = await this.sealBatch(companyId, run, start, size);
      result.encryptMs += performance.now() - encryptStarted;

      const insertStarted = performance.now();
      await this.dataSource.transaction(async (manager) => {
        await manager.query(crmSeedQueries.insertContacts, [
          companyId,
          accountId,
          ...batch.columns,
        ]);
        await manager.query(crmSeedQueries.insertPipeline, [companyId, batch.ids, userIds]);
        await manager.query(crmSeedQueries.insertActivities, [companyId, batch.ids, userIds]);
        await manager.query(crmSeedQueries.insertInvoices, [companyId, batch.ids, batch.names]);
      });
      result.insertMs += performance.now() - insertStarted;

      result.contacts += size;
      options.onProgress?.(result.contacts);
    }

    return result;
  }

  /**
   * Keys are loaded once per batch; the loop itself is synchronous, which is what makes a
   * million contacts a matter of seconds of CPU rather than a million awaits.
   *
   * TODO(per-subject keys in bulk): seeded contacts are sealed under the company's data
   * key; a subject key each (as `CrmContactsRepository` makes) costs a keyring row and a
   * KEK wrap per contact, too slow at this size.
   */
  private async sealBatch(companyId: string, run: string, offset: number, size: number) {
    const codec = this.encryption.codec;
    const ids: string[] = [];
    const names: string[] = [];
    const columns: string[][] = [[], [], [], [], [], [], []];
    let i = 0;

    await codec.prepare(companyId, { encryptions: size * 3, blindIndex: true });

    while (i < size) {
      try {
        for (; i < size; i += 1) {
          const sealed = sealPerson(codec, companyId, samplePerson(run, offset + i));

          ids.push(sealed.id);
          names.push(sealed.name);
          sealed.columns.forEach((value, column) => columns[column].push(value));
        }
      } catch (error) {
        // A cached key aged out mid-batch: load it again and carry on from this contact.
        if (!(error instanceof CryptoError) || error.reason !== 'key_not_ready') {
          throw error;
        }

        await codec.prepare(companyId, { encryptions: (size - i) * 3, blindIndex: true });
      }
    }

    return { ids, names, columns };
  }

  private async ensureCompany(companyId: string): Promise<string> {
    const [existing] = await this.dataSource.query<{ id: string }[]>(crmSeedQueries.findCompany, [
      companyId,
    ]);

    if (existing) {
      return existing.id;
    }

    const [created] = await this.dataSource.query<{ id: string }[]>(crmSeedQueries.insertCompany, [
      companyId,
      'Sample Trading Ltd',
    ]);
    return created.id;
  }

  /** The company's users, made once through the service so their events go out. */
  private async ensureUsers(auth: AuthContext): Promise<string[]> {
    const existing = await this.dataSource.query<{ id: string }[]>(crmSeedQueries.usersOf, [
      auth.companyId,
    ]);

    if (existing.length > 0) {
      return existing.map((row) => row.id);
    }

    const ids: string[] = [];

    for (const user of SAMPLE_USERS) {
      const userId = await this.users.create(auth, user);
      await this.users.recordActivity(auth, userId, 'login');
      ids.push(userId);
    }

    return ids;
  }
}

/** One contact's row: its id, its name for an invoice, and its sealed columns in order. */
function sealPerson(codec: EncryptedFieldCodec, companyId: string, person: SamplePerson) {
  const id = randomUUID();
  const bind = (field: string) => ({ companyId, entity: 'crm.contacts', field, recordId: id });

  return {
    id,
    name: person.name,
    columns: [
      id,
      codec.encrypt(person.email, bind('email')),
      codec.blindIndex('email', person.email, companyId),
      codec.encrypt(person.phone, bind('phone')),
      codec.blindIndex('phone', person.phone, companyId),
      codec.encrypt(person.name, bind('name')),
      person.externalId,
    ],
  };
}
