import { impactDocumentSets } from './impact-policy-sets';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

describe('impactDocumentSets', () => {
  const active = [
    { policyId: A, document: 'a' },
    { policyId: B, document: 'b' },
  ];

  it('should put the candidate where the policy it replaces stood', () => {
    expect(impactDocumentSets({ candidate: 'b2', replacesPolicyId: B, active })).toEqual({
      current: ['a', 'b'],
      candidate: ['a', 'b2'],
    });
    expect(impactDocumentSets({ candidate: 'a2', replacesPolicyId: A, active })).toEqual({
      current: ['a', 'b'],
      candidate: ['a2', 'b'],
    });
  });

  it('should add the candidate last when it replaces nothing in force', () => {
    expect(impactDocumentSets({ candidate: 'c', active })).toEqual({
      current: ['a', 'b'],
      candidate: ['a', 'b', 'c'],
    });
    expect(
      impactDocumentSets({
        candidate: 'c',
        replacesPolicyId: '00000000-0000-4000-8000-00000000000c',
        active,
      }).candidate,
    ).toEqual(['a', 'b', 'c']);
  });
});
