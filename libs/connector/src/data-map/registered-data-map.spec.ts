import { DataMapError } from './data-map.error';
import { DataMapInput } from './data-map.schema';
import { RegisteredDataMap } from './registered-data-map';

function crmMap(overrides: Partial<DataMapInput> = {}): DataMapInput {
  return {
    module: 'crm-sample',
    entities: [
      {
        name: 'contact',
        table: 'crm.contacts',
        subjectIdentifiers: [{ kind: 'email', column: 'email_index', blindIndexed: true }],
        piiFields: [{ column: 'email', category: 'contact' }],
      },
      { name: 'note', table: 'crm.notes', relations: [{ column: 'deal_id', references: 'deal' }] },
      { name: 'deal', table: 'crm.deals', relations: [{ column: 'lead_id', references: 'lead' }] },
      {
        name: 'lead',
        table: 'crm.leads',
        relations: [{ column: 'contact_id', references: 'contact' }],
      },
      {
        name: 'activity',
        table: 'crm.activities',
        relations: [{ column: 'contact_id', references: 'contact' }],
      },
    ],
    ...overrides,
  };
}

describe('RegisteredDataMap', () => {
  it('should order erasure so that every entity precedes the ones it references', () => {
    const map = RegisteredDataMap.register(crmMap());
    const position = (name: string) => map.erasureOrder.indexOf(name);

    expect(map.erasureOrder).toHaveLength(5);
    expect(position('note')).toBeLessThan(position('deal'));
    expect(position('deal')).toBeLessThan(position('lead'));
    expect(position('lead')).toBeLessThan(position('contact'));
    expect(position('activity')).toBeLessThan(position('contact'));
  });

  it('should report a cycle with its path when the map is registered', () => {
    const map = crmMap();
    map.entities[0].relations = [{ column: 'owner_note_id', references: 'note' }];

    expect(() => RegisteredDataMap.register(map)).toThrow(
      /cycle: (contact -> note -> deal -> lead -> contact|note -> deal -> lead -> contact -> note)/,
    );
  });

  it('should name every bad reference and unsafe identifier at once', () => {
    const map = crmMap();
    map.entities[1].relations = [{ column: 'deal_id', references: 'opportunity' }];
    map.entities[2].table = 'crm.deals; DROP TABLE x';

    try {
      RegisteredDataMap.register(map);
      throw new Error('expected a DataMapError');
    } catch (error) {
      expect(error).toBeInstanceOf(DataMapError);
      expect((error as DataMapError).problems.join('\n')).toContain('entities.2.table');
    }

    map.entities[2].table = 'crm.deals';
    expect(() => RegisteredDataMap.register(map)).toThrow(/references unknown opportunity/);
  });

  it('should find the entities pointing at a parent', () => {
    const map = RegisteredDataMap.register(crmMap());

    expect(
      map
        .childrenOf('contact')
        .map((child) => child.entity.name)
        .sort(),
    ).toEqual(['activity', 'lead']);
    expect(map.roots.map((root) => root.name)).toEqual(['contact']);
  });
});
