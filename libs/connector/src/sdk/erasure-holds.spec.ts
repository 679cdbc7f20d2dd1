import { RegisteredDataMap } from '../data-map/registered-data-map';
import { ConnectorHandler } from './connector-handler';
import { heldSummary, keptUnderHold, withoutKept } from './erasure-holds';

const dataMap = RegisteredDataMap.register({
  module: 'shop',
  entities: [
    { name: 'customer', table: 'shop.customers' },
    {
      name: 'order',
      table: 'shop.orders',
      relations: [{ column: 'customer_id', references: 'customer' }],
    },
    { name: 'line', table: 'shop.lines', relations: [{ column: 'order_id', references: 'order' }] },
  ],
});

const ROWS: Record<string, Record<string, unknown>[]> = {
  customer: [{ id: 'c1' }],
  order: [
    { id: 'o1', customer_id: 'c1' },
    { id: 'o2', customer_id: 'c1' },
  ],
  line: [
    { id: 'l1', order_id: 'o1' },
    { id: 'l2', order_id: 'o2' },
  ],
};

/** Only what `keptUnderHold` reads: the data map and rows by id, from memory. */
const handler = {
  dataMap,
  async *rows(_companyId: string, entity: string, ids: string[]) {
    yield ROWS[entity].filter((row) => ids.includes(row.id as string));
  },
} as unknown as ConnectorHandler;

const records = { customer: ['c1'], order: ['o1', 'o2'], line: ['l1', 'l2'] };

describe('keptUnderHold', () => {
  it('should keep the held records and the parents they point at, under the same holds', async () => {
    const kept = await keptUnderHold(
      handler,
      async (entity, ids) =>
        new Map(entity === 'line' ? ids.filter((id) => id === 'l1').map((id) => [id, ['h1']]) : []),
      'company',
      records,
    );

    // l1 is held; it points at o1, which points at c1: both stay. o2 and l2 go.
    expect(withoutKept(records, kept)).toEqual({ customer: [], order: ['o2'], line: ['l2'] });
    expect(heldSummary(kept)).toEqual([
      { entity: 'customer', records: 1, holdIds: ['h1'] },
      { entity: 'line', records: 1, holdIds: ['h1'] },
      { entity: 'order', records: 1, holdIds: ['h1'] },
    ]);
  });

  it('should gather every hold that keeps a shared parent', async () => {
    const holds: Record<string, [string, string[]][]> = {
      order: [['o1', ['h1']]],
      line: [['l2', ['h2']]],
    };
    const kept = await keptUnderHold(
      handler,
      async (entity) => new Map(holds[entity] ?? []),
      'company',
      records,
    );

    expect(heldSummary(kept)).toEqual([
      { entity: 'customer', records: 1, holdIds: ['h1', 'h2'] },
      { entity: 'line', records: 1, holdIds: ['h2'] },
      { entity: 'order', records: 2, holdIds: ['h1', 'h2'] },
    ]);
  });

  it('should keep nothing when no hold answers', async () => {
    const kept = await keptUnderHold(handler, async () => new Map(), 'company', records);

    expect(withoutKept(records, kept)).toEqual(records);
    expect(heldSummary(kept)).toEqual([]);
  });
});
