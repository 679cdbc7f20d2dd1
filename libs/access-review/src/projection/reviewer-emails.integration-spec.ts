import { randomUUID } from 'node:crypto';

import { FieldEncryption } from '@compliance/crypto';
import { DataSource } from 'typeorm';

import {
  AccessReviewTestDatabase,
  openAccessReviewTestDatabase,
} from '../testing/access-review-test-database';
import { identityProjector } from './identity-projector';
import { ReviewerEmails } from './reviewer-emails';

describe(ReviewerEmails.name, () => {
  let testDatabase: AccessReviewTestDatabase;
  let dataSource: DataSource;
  let encryption: FieldEncryption;
  let emails: ReviewerEmails;

  const stored = async (companyId: string, userId: string) => {
    const rows = await dataSource.query<{ email: string | null; email_sealed: string | null }[]>(
      'SELECT email, email_sealed FROM access_review.users WHERE company_id = $1 AND user_id = $2',
      [companyId, userId],
    );

    return rows[0];
  };

  beforeAll(async () => {
    testDatabase = await openAccessReviewTestDatabase('reviewer-emails-test');
    ({ dataSource, encryption } = testDatabase);
    emails = new ReviewerEmails(dataSource, encryption);
  });

  afterAll(async () => {
    encryption?.forgetKeys();
    await testDatabase?.close();
  });

  it('should store a reviewer address sealed and open it only for its own row', async () => {
    const companyId = randomUUID();
    const sealed = await emails.seal(companyId, 'alice', 'alice@example.test');

    await dataSource.transaction((manager) =>
      identityProjector.userCreated(
        manager,
        companyId,
        { userId: 'alice', createdAt: '2027-01-01T00:00:00Z' },
        sealed,
      ),
    );

    const row = await stored(companyId, 'alice');
    expect(row.email).toBeNull();
    expect(row.email_sealed).not.toContain('alice');
    expect(await emails.addressOf(companyId, 'alice')).toBe('alice@example.test');

    // The same ciphertext copied to another user's row no longer opens.
    await dataSource.query(
      `INSERT INTO access_review.users (company_id, user_id, email_sealed)
       VALUES ($1, 'mallory', $2)`,
      [companyId, row.email_sealed],
    );
    await expect(emails.addressOf(companyId, 'mallory')).rejects.toThrow();
  });

  it('should seal addresses stored in clear, and keep a later event’s address', async () => {
    const companyId = randomUUID();
    await dataSource.query(
      `INSERT INTO access_review.users (company_id, user_id, email)
       VALUES ($1, 'bob', 'bob@example.test'), ($1, 'carol', 'carol@example.test')`,
      [companyId],
    );

    expect(await emails.addressOf(companyId, 'bob')).toBe('bob@example.test');
    expect(await emails.sealClearAddresses()).toBeGreaterThanOrEqual(2);

    const bob = await stored(companyId, 'bob');
    expect(bob.email).toBeNull();
    expect(bob.email_sealed).not.toContain('bob');
    expect(await emails.addressOf(companyId, 'bob')).toBe('bob@example.test');
    expect(await emails.addressOf(companyId, 'carol')).toBe('carol@example.test');
    expect(await emails.sealClearAddresses()).toBe(0);
  });
});
