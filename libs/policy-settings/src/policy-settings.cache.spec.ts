import { randomUUID } from 'node:crypto';

import { getActivePolicies, policyApplied, ReplyEnvelope } from '@compliance/contracts';
import { InProcessMessageBus } from '@compliance/messaging';
import { buildAuthContext } from '@compliance/testing';

import { PolicySettingsCache } from './policy-settings.cache';

const POLICY = `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: eu
spec:
  residency:
    primaryRegion: eu-west-1
    blockCrossRegionTransfers: true
`;

function servePolicies(bus: InProcessMessageBus, versions: number[]): () => number {
  let calls = 0;

  void bus.serve(getActivePolicies.subject, async (): Promise<ReplyEnvelope> => {
    const version = versions[Math.min(calls, versions.length - 1)];
    calls += 1;
    return {
      ok: true,
      data: { policies: [{ policyId: randomUUID(), version, document: POLICY }] },
    };
  });

  return () => calls;
}

async function announce(bus: InProcessMessageBus, companyId: string): Promise<void> {
  await bus.publish(policyApplied.subject, {
    messageId: randomUUID(),
    occurredAt: new Date().toISOString(),
    context: buildAuthContext({ companyId }),
    payload: { companyId, policyId: randomUUID(), version: 2, previousVersion: 1, reason: 'apply' },
  });
}

describe(PolicySettingsCache.name, () => {
  const companyId = randomUUID();

  it('should load a company once and compile its policies for the shared evaluator', async () => {
    const bus = new InProcessMessageBus();
    const calls = servePolicies(bus, [1]);
    const cache = new PolicySettingsCache(bus, {
      serviceName: 't',
      requestTimeoutMs: 500,
      ttlMs: 60_000,
    });
    await cache.start();

    const first = await cache.forCompany(companyId);
    await cache.forCompany(companyId);

    expect(calls()).toBe(1);
    expect(first.versions.map(({ version }) => version)).toEqual([1]);
    expect(
      first.evaluate({
        action: 'data.transfer',
        resource: { entity: 'contact' },
        context: { fromRegion: 'eu-west-1', toRegion: 'us-east-1' },
      }).decision,
    ).toBe('deny');
  });

  it('should reload a company after its policy-applied event, and only that company', async () => {
    const bus = new InProcessMessageBus();
    const calls = servePolicies(bus, [1, 2]);
    const cache = new PolicySettingsCache(bus, {
      serviceName: 't',
      requestTimeoutMs: 500,
      ttlMs: 60_000,
    });
    await cache.start();
    await cache.forCompany(companyId);

    await announce(bus, randomUUID());
    await cache.forCompany(companyId);
    expect(calls()).toBe(1);

    await announce(bus, companyId);
    const reloaded = await cache.forCompany(companyId);
    expect(reloaded.versions.map(({ version }) => version)).toEqual([2]);
  });

  it('should reload after the time to live, for an event this replica missed', async () => {
    const bus = new InProcessMessageBus();
    const calls = servePolicies(bus, [1, 2]);
    let now = new Date('2026-01-01T00:00:00Z');
    const cache = new PolicySettingsCache(bus, {
      serviceName: 't',
      requestTimeoutMs: 500,
      ttlMs: 60_000,
      clock: () => now,
    });

    await cache.forCompany(companyId);
    // 59 s later the copy is still trusted; at 60 s it has expired.
    now = new Date('2026-01-01T00:00:59Z');
    await cache.forCompany(companyId);
    expect(calls()).toBe(1);

    now = new Date('2026-01-01T00:01:00Z');
    expect((await cache.forCompany(companyId)).versions[0].version).toBe(2);
  });

  it('should not keep a copy loaded while an event said it was already stale', async () => {
    const bus = new InProcessMessageBus();
    const calls = servePolicies(bus, [1, 2]);
    const cache = new PolicySettingsCache(bus, {
      serviceName: 't',
      requestTimeoutMs: 500,
      ttlMs: 60_000,
    });
    await cache.start();

    const loading = cache.forCompany(companyId);
    await announce(bus, companyId);
    await loading;

    expect((await cache.forCompany(companyId)).versions[0].version).toBe(2);
    expect(calls()).toBe(2);
  });

  it('should not keep a failed load', async () => {
    const bus = new InProcessMessageBus();
    const cache = new PolicySettingsCache(bus, {
      serviceName: 't',
      requestTimeoutMs: 500,
      ttlMs: 60_000,
    });

    await expect(cache.forCompany(companyId)).rejects.toMatchObject({
      code: 'service_unavailable',
    });

    servePolicies(bus, [1]);
    expect((await cache.forCompany(companyId)).versions[0].version).toBe(1);
  });
});
