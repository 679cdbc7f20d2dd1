import { randomUUID } from 'node:crypto';

import { dsrService } from '@compliance/dsr';
import request from 'supertest';

import { startDistributedPlatform } from '../platform-harness';

type Platform = Awaited<ReturnType<typeof startDistributedPlatform>>;

const ROUTE = '/api/compliance/dsr-requests/';
/** What reaches further recipients or adds headers, and what is no address at all. */
const NOT_ONE_ADDRESS = [
  'listed-a@example.com, listed-b@example.com',
  'listed-a@example.com;listed-b@example.com',
  'injected-a@example.com\r\nBcc: injected-b@example.com',
  'Named Person <named@example.com>',
  'no address at all',
];

describe('POST /api/compliance/dsr-requests/ with email identifiers (PostgreSQL, NATS)', () => {
  let platform: Platform;
  let key: string;

  beforeAll(async () => {
    platform = await startDistributedPlatform({}, [dsrService]);
    key = await platform.createApiKey(randomUUID(), ['dsr:read', 'dsr:write']);
  });

  afterAll(async () => {
    await platform?.close();
  });

  function post(value: string, phone = '+44 20 7946 0018') {
    return request(platform.http)
      .post(ROUTE)
      .set('X-API-Key', key)
      .send({
        type: 'access',
        identifiers: [
          { kind: 'phone', value: phone },
          { kind: 'email', value },
        ],
      });
  }

  async function stored(): Promise<number> {
    const response = await request(platform.http).get(ROUTE).set('X-API-Key', key).expect(200);
    return response.body.total as number;
  }

  it.each(NOT_ONE_ADDRESS.map((value) => [JSON.stringify(value), value]))(
    'should answer 400 naming the field for %s, store nothing and not repeat it',
    async (_shown, value) => {
      const response = await post(value).expect(400);

      expect(response.body).toMatchObject({
        statusCode: 400,
        message: 'payload does not match the contract of compliance.dsr.requests.create.v1',
        details: [
          { path: 'identifiers.1.value', message: 'an email identifier must be one address' },
        ],
      });
      expect(response.text).not.toMatch(/listed|injected|named|no address at all/i);
      expect(await stored()).toBe(0);
    },
  );

  it('should answer 400 naming the field for a phone identifier that is no number', async () => {
    const response = await post('ada@example.com', 'call me 42').expect(400);

    expect(response.body).toMatchObject({
      statusCode: 400,
      details: [{ path: 'identifiers.0.value', message: expect.stringMatching(/phone number/) }],
    });
    expect(response.text).not.toMatch(/call me/);
    expect(await stored()).toBe(0);
  });

  it('should record a request whose email identifier is one address', async () => {
    const response = await post(' ada.lovelace+dsr@example.co.uk ').expect(201);

    expect(response.body.identifiers).toEqual([
      { kind: 'phone', maskedValue: '+***8', verification: null },
      { kind: 'email', maskedValue: 'a***k', verification: null },
    ]);
    expect(await stored()).toBe(1);
  });
});
