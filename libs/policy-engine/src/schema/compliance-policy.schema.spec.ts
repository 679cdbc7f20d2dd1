import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { COMPLIANCE_POLICY_SCHEMA } from './compliance-policy.schema';

describe('COMPLIANCE_POLICY_SCHEMA', () => {
  it('should equal the JSON file shipped for editors', () => {
    const shipped: unknown = JSON.parse(
      readFileSync(join(__dirname, '../../schema/compliance-policy.schema.json'), 'utf8'),
    );

    expect(shipped).toEqual(COMPLIANCE_POLICY_SCHEMA);
  });
});
