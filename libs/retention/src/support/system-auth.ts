import { randomUUID } from 'node:crypto';

import { AuthContext } from '@compliance/contracts';

/** The context of work no caller asked for: the schedule or the CLI. */
export function systemAuth(companyId: string, actorId: string): AuthContext {
  return {
    requestId: randomUUID(),
    companyId,
    actor: { type: 'system', id: actorId },
    scopes: [],
  };
}

export function actorLabel(auth: AuthContext): string {
  return `${auth.actor.type}:${auth.actor.id}`;
}
