import { randomUUID } from 'node:crypto';

import { AuthContext, getActivePolicies, policyApplied, ServiceError } from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { eventConsumer, MessageBus } from '@compliance/messaging';

import { CompanyPolicySettings } from './company-policy-settings';

export interface PolicySettingsCacheOptions {
  /** Who asks, as it appears in the policy service's logs. */
  serviceName: string;
  requestTimeoutMs: number;
  /**
   * How long a loaded copy is trusted without hearing an event. Broadcast events are not
   * stored for a replica that was away, so this bounds how stale a missed one leaves it.
   */
  ttlMs: number;
  clock?: () => Date;
}

interface Entry {
  settings: Promise<CompanyPolicySettings>;
  expiresAtMs: number;
}

export const DEFAULT_POLICY_SETTINGS_TTL_MS = 60_000;

/**
 * Each replica of a service keeps the applied policies of the companies it works for.
 * A company is loaded on first use; `compliance.events.policy.applied` reaches every
 * replica through a broadcast subscription (a durable consumer would reach only one) and
 * drops that company's copy, so the next read loads the version just applied or rolled back.
 */
export class PolicySettingsCache {
  private readonly logger = createLogger(PolicySettingsCache.name);
  private readonly entries = new Map<string, Entry>();
  private readonly generations = new Map<string, number>();
  private readonly clock: () => Date;

  constructor(
    private readonly bus: MessageBus,
    private readonly options: PolicySettingsCacheOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  async start(): Promise<void> {
    await this.bus.subscribeBroadcast(
      policyApplied.subject,
      eventConsumer(policyApplied, async (payload) => {
        const { companyId, policyId, version } = payload as { [key: string]: string };
        this.invalidate(companyId);
        this.logger.info({ companyId, policyId, version }, 'policy applied; settings dropped');
      }),
    );
  }

  async forCompany(companyId: string): Promise<CompanyPolicySettings> {
    const cached = this.entries.get(companyId);

    if (cached && cached.expiresAtMs > this.clock().getTime()) {
      return cached.settings;
    }

    const generation = this.generations.get(companyId) ?? 0;
    const settings = this.load(companyId);
    const entry = { settings, expiresAtMs: this.clock().getTime() + this.options.ttlMs };
    this.entries.set(companyId, entry);

    try {
      return await settings;
    } catch (error) {
      // A failed load must not be served to the next caller.
      if (this.entries.get(companyId) === entry) {
        this.entries.delete(companyId);
      }
      throw error;
    } finally {
      // An event that arrived while loading may describe a newer version than the one
      // loaded: keep the answer for this caller, not for the next.
      if ((this.generations.get(companyId) ?? 0) !== generation) {
        this.entries.delete(companyId);
      }
    }
  }

  invalidate(companyId: string): void {
    this.generations.set(companyId, (this.generations.get(companyId) ?? 0) + 1);
    this.entries.delete(companyId);
  }

  private async load(companyId: string): Promise<CompanyPolicySettings> {
    const reply = await this.bus.request(
      getActivePolicies.subject,
      { context: this.serviceAuth(companyId), payload: {} },
      this.options.requestTimeoutMs,
    );

    if (!reply.ok) {
      throw ServiceError.fromBody(reply.error);
    }

    const { policies } = getActivePolicies.response.parse(reply.data);

    return CompanyPolicySettings.fromDocuments(companyId, policies, this.clock());
  }

  private serviceAuth(companyId: string): AuthContext {
    return {
      requestId: randomUUID(),
      companyId,
      actor: { type: 'service', id: this.options.serviceName },
      scopes: [],
    };
  }
}
