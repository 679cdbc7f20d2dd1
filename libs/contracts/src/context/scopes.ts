/** Scopes a credential may carry. `admin` implies every other scope. */
export const SCOPES = [
  'admin',
  'audit:read',
  'policy:read',
  'policy:write',
  'policy:apply',
  'residency:read',
  'residency:write',
  'dsr:read',
  'dsr:write',
  'dsr:process',
  'secrets:read',
  'secrets:write',
  'secrets:reveal',
  'access-review:read',
  'access-review:write',
  'retention:read',
  'retention:write',
  'retention:execute',
] as const;

export type Scope = (typeof SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

export function hasScope(granted: readonly string[], required: Scope): boolean {
  return granted.includes('admin') || granted.includes(required);
}
