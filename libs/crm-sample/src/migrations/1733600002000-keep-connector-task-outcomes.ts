import { addConnectorTaskOutcomes } from '@compliance/connector';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The connector keeps each finished task's whole report, so a redelivery answers the same. */
export class KeepConnectorTaskOutcomes1733600002000 implements MigrationInterface {
  name = 'KeepConnectorTaskOutcomes1733600002000';

  async up(runner: QueryRunner): Promise<void> {
    await addConnectorTaskOutcomes(runner, 'crm');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE crm.connector_tasks DROP COLUMN outcome');
  }
}
