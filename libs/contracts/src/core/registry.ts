import { AnyContract } from './contract';
import * as accessReview from '../subjects/access-review.contract';
import * as audit from '../subjects/audit.contract';
import * as dsr from '../subjects/dsr.contract';
import * as identity from '../subjects/identity.contract';
import * as policy from '../subjects/policy.contract';
import * as residency from '../subjects/residency.contract';
import * as retention from '../subjects/retention.contract';
import * as vault from '../subjects/vault.contract';

function collect(...modules: Record<string, unknown>[]): Map<string, AnyContract> {
  const bySubject = new Map<string, AnyContract>();

  for (const module of modules) {
    for (const value of Object.values(module)) {
      if (isContract(value)) {
        bySubject.set(value.subject, value);
      }
    }
  }

  return bySubject;
}

function isContract(value: unknown): value is AnyContract {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return kind === 'request' || kind === 'event';
}

const CONTRACTS = collect(accessReview, audit, dsr, identity, policy, residency, retention, vault);

/** Finds the contract declared for a subject, so a handler can be bound to its schema. */
export function contractFor(subject: string): AnyContract | undefined {
  return CONTRACTS.get(subject);
}

export function allContracts(): AnyContract[] {
  return [...CONTRACTS.values()];
}
