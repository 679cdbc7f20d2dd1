import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A secret may name a contact for its expiry notices. The address is personal data, so only
 * its ciphertext is stored. Each notice now also records what became of its e-mail; notices
 * sent before e-mails existed count as not sent.
 */
export class AddSecretNotifyEmail1733800002200 implements MigrationInterface {
  name = 'AddSecretNotifyEmail1733800002200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE vault.secrets ADD COLUMN notify_email_sealed text');
    await runner.query(`
      ALTER TABLE vault.expiry_notices
        ADD COLUMN mail_status text NOT NULL DEFAULT 'not_sent'
          CHECK (mail_status IN ('not_sent', 'pending', 'sent', 'recorded', 'no_address',
            'failed')),
        ADD COLUMN mailed_at timestamptz
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER TABLE vault.expiry_notices DROP COLUMN mailed_at, DROP COLUMN mail_status',
    );
    await runner.query('ALTER TABLE vault.secrets DROP COLUMN notify_email_sealed');
  }
}
