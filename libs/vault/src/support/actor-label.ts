import { AuthContext } from '@compliance/contracts';

export function actorLabel(auth: AuthContext): string {
  return `${auth.actor.type}:${auth.actor.id}`;
}
