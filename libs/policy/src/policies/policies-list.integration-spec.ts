import { randomUUID } from 'node:crypto';

import { createPolicy, listPolicies } from '@compliance/contracts';
import { buildAuthContext, ServiceTestBed, startServiceTestBed } from '@compliance/testing';

import { policyService } from '../policy-service.definition';

const POLICY = `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata: { name: listed, frameworks: [GDPR] }
spec:
  retention: {}
`;

describe('policy list over NATS and PostgreSQL', () => {
  let bed: ServiceTestBed;

  const ask: ServiceTestBed['ask'] = (contract, payload, auth) => bed.ask(contract, payload, auth);

  beforeAll(async () => {
    bed = await startServiceTestBed(policyService, 'policies-list');
  });

  afterAll(async () => {
    await bed?.close();
  });

  it("should page a company's policies newest first, each with the company's total", async () => {
    const auth = buildAuthContext({ companyId: randomUUID() });
    const other = buildAuthContext({ companyId: randomUUID() });
    const names = ['first', 'second', 'third'];

    for (const name of names) {
      await ask(createPolicy, { name, description: '', document: POLICY }, auth);
    }
    await ask(createPolicy, { name: 'elsewhere', description: '', document: POLICY }, other);

    const page = async (offset: number) => {
      const listed = await ask(listPolicies, { limit: 2, offset }, auth);
      return { names: listed.items.map((item) => item.name), total: listed.total };
    };

    expect(await page(0)).toEqual({ names: ['third', 'second'], total: 3 });
    expect(await page(2)).toEqual({ names: ['first'], total: 3 });
    // A page past the end has no row to count on, and still says how many there are.
    expect(await page(5)).toEqual({ names: [], total: 3 });
    expect((await ask(listPolicies, { limit: 10, offset: 0 }, other)).total).toBe(1);
  });
});
