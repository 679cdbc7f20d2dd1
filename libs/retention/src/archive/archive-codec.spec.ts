import { decodeArchive, encodeArchive, verifyArchive } from './archive-codec';

describe('archive codec', () => {
  const records = [
    { entity: 'contact', id: '1', record: { id: '1', email: 'a@example.test' } },
    { entity: 'activity', id: '7', record: { id: '7', contact_id: '1' } },
  ];

  it('should read back the records it wrote, one JSON line each', () => {
    const encoded = encodeArchive(records);

    expect(decodeArchive(encoded.body)).toEqual(records);
    expect(verifyArchive(encoded.body, encoded)).toBe(true);
  });

  it('should fail verification when the stored object differs', () => {
    const encoded = encodeArchive(records);
    const other = encodeArchive(records.slice(0, 1));

    expect(verifyArchive(other.body, encoded)).toBe(false);
  });
});
