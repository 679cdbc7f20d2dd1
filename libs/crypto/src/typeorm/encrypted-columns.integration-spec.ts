import { randomUUID } from 'node:crypto';

import { Column, DataSource, Entity, PrimaryColumn, Repository } from 'typeorm';

import { FieldEncryption } from '../encryption/field-encryption';
import { CryptoError } from '../errors/crypto.error';
import { CryptoDatabase, openCryptoTestDatabase } from '../testing/crypto-database';
import { openTestLocalProvider } from '../testing/local-provider.factory';
import { indexOf } from './encrypted-column-index';
import { EncryptedColumn } from './encrypted-column.decorator';
import { attachEncryptedColumns, EncryptedColumnSubscriber } from './encrypted-column.subscriber';
import { EncryptionBinding } from './encryption-binding.decorator';

@Entity({ name: 'test_contacts', schema: 'public' })
@EncryptionBinding({ companyId: 'companyId', recordId: 'id', subjectId: 'subjectId' })
class TestContact {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'company_id' })
  companyId: string;

  @Column('text', { name: 'subject_id', nullable: true })
  subjectId: string | null;

  @EncryptedColumn({
    entity: 'contact',
    field: 'email',
    blindIndex: 'emailIndex',
    indexKind: 'email',
  })
  email: string | null;

  @Column('text', { name: 'email_index', nullable: true })
  emailIndex: string | null;

  @EncryptedColumn({ entity: 'contact', field: 'phone', name: 'phone_number' })
  phone: string | null;
}

interface StoredContact {
  email: string | null;
  email_index: string | null;
  phone_number: string | null;
}

describe(EncryptedColumnSubscriber.name, () => {
  let database: CryptoDatabase;
  let dataSource: DataSource;
  let encryption: FieldEncryption;
  let contacts: Repository<TestContact>;

  beforeAll(async () => {
    database = await openCryptoTestDatabase();
    dataSource = await database.open([TestContact]);
    await dataSource.query(`
      CREATE TABLE public.test_contacts (
        id uuid PRIMARY KEY,
        company_id uuid NOT NULL,
        subject_id text,
        email text,
        email_index text,
        phone_number text
      )`);
    encryption = new FieldEncryption(dataSource, await openTestLocalProvider(dataSource));
    attachEncryptedColumns(dataSource, encryption.codec, { onDestroyedKey: 'null' });
    contacts = dataSource.getRepository(TestContact);
  });

  afterAll(async () => {
    await database?.close();
  });

  function newContact(overrides: Partial<TestContact> = {}): TestContact {
    return contacts.create({
      id: randomUUID(),
      companyId: randomUUID(),
      subjectId: null,
      email: 'Ada.Lovelace@Example.com',
      phone: '+44 20 7946 0958',
      ...overrides,
    });
  }

  async function stored(id: string): Promise<StoredContact> {
    const [row] = await dataSource.query<StoredContact[]>(
      'SELECT email, email_index, phone_number FROM public.test_contacts WHERE id = $1',
      [id],
    );
    return row;
  }

  it('should store ciphertext and a blind index, keeping plaintext on the entity', async () => {
    const contact = newContact();

    const saved = await contacts.save(contact);
    const row = await stored(contact.id);

    expect(saved.email).toBe('Ada.Lovelace@Example.com');
    expect(saved.phone).toBe('+44 20 7946 0958');
    expect(row.email).toMatch(/^v1\./);
    expect(row.phone_number).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toMatch(/ada|lovelace|7946/i);
    expect(row.email_index).toMatch(/^[0-9a-f]{64}$/);
  });

  it('should decrypt on load and find rows by blind index, ignoring case and spaces', async () => {
    const contact = await contacts.save(newContact());
    const emailIndex = await indexOf(
      encryption,
      TestContact,
      'email',
      '  ada.lovelace@EXAMPLE.com ',
      contact.companyId,
    );

    const found = await contacts.findOneBy({ companyId: contact.companyId, emailIndex });

    expect(found).toMatchObject({
      id: contact.id,
      email: 'Ada.Lovelace@Example.com',
      phone: '+44 20 7946 0958',
    });
  });

  it('should seal a changed value again on update and store null as null', async () => {
    const contact = await contacts.save(newContact());
    const before = await stored(contact.id);
    const loaded = (await contacts.findOneBy({ id: contact.id })) as TestContact;

    loaded.email = 'new@example.com';
    loaded.phone = null;
    await contacts.save(loaded);
    const after = await stored(contact.id);
    const reloaded = await contacts.findOneBy({ id: contact.id });

    expect(after.email).not.toBe(before.email);
    expect(after.email_index).not.toBe(before.email_index);
    expect(after.phone_number).toBeNull();
    expect(reloaded).toMatchObject({ email: 'new@example.com', phone: null });
  });

  it('should refuse to load a value copied into another row', async () => {
    const source = await contacts.save(newContact());
    const target = await contacts.save(newContact({ companyId: source.companyId }));
    const { email } = await stored(source.id);
    await dataSource.query('UPDATE public.test_contacts SET email = $2 WHERE id = $1', [
      target.id,
      email,
    ]);

    const error = await contacts.findOneBy({ id: target.id }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CryptoError);
    expect(error).toMatchObject({ reason: 'authentication_failed' });
  });

  it('should refuse to save an entity whose id is not set yet', async () => {
    const contact = newContact({ id: undefined });

    const error = await contacts.save(contact).catch((e: unknown) => e);

    expect(error).toMatchObject({ reason: 'invalid_binding' });
    expect(contact.email).toBe('Ada.Lovelace@Example.com');
  });

  it('should refuse a partial update that has no row to bind the value to', async () => {
    const contact = await contacts.save(newContact());

    const error = await contacts
      .update({ id: contact.id }, { email: 'bypass@example.com' })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ reason: 'invalid_binding' });
    expect((await contacts.findOneBy({ id: contact.id }))?.email).toBe('Ada.Lovelace@Example.com');
  });

  it("should load a shredded subject's values as null when configured so", async () => {
    const subjectId = randomUUID();
    const contact = await contacts.save(newContact({ subjectId }));

    await encryption.shredSubject(contact.companyId, subjectId);
    const loaded = await contacts.findOneBy({ id: contact.id });

    expect(loaded).toMatchObject({ email: null, phone: null });
    expect((await stored(contact.id)).email).toMatch(/^v1\./);
  });
});
