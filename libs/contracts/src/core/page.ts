import { z } from 'zod';

export const pageQuerySchema = z
  .object({
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).default(0),
  })
  .strict();

export type PageQuery = z.infer<typeof pageQuerySchema>;

export function pageSchema<Item extends z.ZodType>(item: Item) {
  return z.object({
    items: z.array(item),
    total: z.number().int().min(0),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}

export interface Page<Item> {
  items: Item[];
  total: number;
  limit: number;
  offset: number;
}
