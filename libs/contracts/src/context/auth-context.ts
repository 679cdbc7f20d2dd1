import { z } from 'zod';

import { SCOPES } from './scopes';

/**
 * Who is calling, on behalf of which company. The gateway builds it from a verified
 * credential and sends it with every message; services trust it only from the bus and
 * never take a company id from a payload.
 */
export const authContextSchema = z
  .object({
    requestId: z.string().min(1).max(128),
    companyId: z.uuid(),
    actor: z
      .object({
        type: z.enum(['user', 'api_key', 'service', 'system']),
        id: z.string().min(1).max(256),
      })
      .strict(),
    scopes: z.array(z.enum(SCOPES)),
  })
  .strict();

export type AuthContext = z.infer<typeof authContextSchema>;
