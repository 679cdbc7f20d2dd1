import { randomUUID } from 'node:crypto';

import {
  createDsrRequest,
  dsrConnectorRegistered,
  getDsrRequest,
  processDsrRequest,
  ServiceError,
} from '@compliance/contracts';
import { dsrService } from '@compliance/dsr';
import { retentionService } from '@compliance/retention';
import { waitFor } from '@compliance/testing';
import { Client } from 'pg';
import request from 'supertest';

import { startDistributedPlatform } from './e2e/platform-harness';
import { busPublish, busRequest } from './e2e/retention/bus-request';

type Platform = Awaited<ReturnType<typeof startDistributedPlatform>>;

const VERIFIED = { method: 'email_link' as const, verifiedAt: '2026-11-30T10:00:00Z' };

async function erasureFor(platform: Platform, companyId: string, email: string) {
  return busRequest(
    platform.gatewayBus,
    createDsrRequest,
    {
      type: 'erasure',
      jurisdiction: 'gdpr',
      channel: 'web',
      requester: { name: null, relation: 'subject' },
      identifiers: [{ kind: 'email', value: email, verification: VERIFIED }],
      purposes: [],
    },
    companyId,
  );
}

async function withConnector(platform: Platform, companyId: string): Promise<void> {
  await busPublish(
    platform.gatewayBus,
    dsrConnectorRegistered,
    { connector: 'crm-e2e', entities: ['contact'], categories: ['contact'] },
    companyId,
  );
  await waitFor(async () => {
    const client = new Client({ connectionString: platform.database.url });
    await client.connect();
    const { rows } = await client
      .query('SELECT 1 FROM dsr.connectors WHERE company_id = $1', [companyId])
      .finally(() => client.end());
    return rows.length === 1;
  });
}

describe('DSR erasure and legal holds (PostgreSQL and NATS)', () => {
  describe('with the retention service answering', () => {
    let platform: Platform;
    let admin: string;
    const companyId = randomUUID();

    beforeAll(async () => {
      platform = await startDistributedPlatform({}, [dsrService, retentionService]);
      admin = await platform.createApiKey(companyId, ['admin']);
      await withConnector(platform, companyId);
    });

    afterAll(async () => {
      await platform?.close();
    });

    it('should refuse the erasure of a held subject, say why and audit it', async () => {
      const hold = await request(platform.http)
        .post('/api/compliance/legal-holds/')
        .set('X-API-Key', admin)
        .send({
          reason: 'claim',
          scope: 'subject',
          subject: { kind: 'email', value: 'ada@x.test' },
        })
        .expect(201);
      const created = await erasureFor(platform, companyId, 'ada@x.test');

      await busRequest(platform.gatewayBus, processDsrRequest, { id: created.id }, companyId);
      const view = await busRequest(
        platform.gatewayBus,
        getDsrRequest,
        { id: created.id },
        companyId,
      );

      expect(view.status).toBe('rejected');
      expect(view.tasks).toEqual([]);
      expect(view.failureReason).toMatch(/^erasure withheld: 1 legal hold\(s\) cover this subject/);

      const client = new Client({ connectionString: platform.database.url });
      await client.connect();
      const { rows } = await client
        .query(
          `SELECT details FROM audit.audit_entries
           WHERE company_id = $1 AND action = 'dsr.erasure-withheld' AND resource_id = $2`,
          [companyId, created.id],
        )
        .finally(() => client.end());
      expect(rows).toEqual([{ details: { holdIds: [hold.body.id] } }]);
    });

    it('should fan out the erasure of a subject no hold covers', async () => {
      const created = await erasureFor(platform, companyId, 'free@x.test');

      await busRequest(platform.gatewayBus, processDsrRequest, { id: created.id }, companyId);
      const view = await busRequest(
        platform.gatewayBus,
        getDsrRequest,
        { id: created.id },
        companyId,
      );

      expect(view.status).toBe('in_progress');
      expect(view.tasks.map((task) => [task.connector, task.action])).toEqual([
        ['crm-e2e', 'erase'],
      ]);
    });
  });

  describe('without the retention service', () => {
    let platform: Platform;
    const companyId = randomUUID();

    beforeAll(async () => {
      platform = await startDistributedPlatform({ REQUEST_TIMEOUT_MS: '500' }, [dsrService]);
      await withConnector(platform, companyId);
    });

    afterAll(async () => {
      await platform?.close();
    });

    it('should erase nothing and leave the request to be processed again', async () => {
      const created = await erasureFor(platform, companyId, 'ada@x.test');

      const failure = await busRequest(
        platform.gatewayBus,
        processDsrRequest,
        { id: created.id },
        companyId,
      ).catch((error: unknown) => error);
      const view = await busRequest(
        platform.gatewayBus,
        getDsrRequest,
        { id: created.id },
        companyId,
      );

      expect(failure).toBeInstanceOf(ServiceError);
      expect((failure as ServiceError).code).toBe('service_unavailable');
      expect(view.status).toBe(created.status);
      expect(view.tasks).toEqual([]);
    });
  });
});
