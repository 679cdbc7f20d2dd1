import { ActivePolicyDocument, ActivePolicyReader } from '@compliance/policy-settings';

/**
 * A test double of the policy service's answer of a company's active policies: one policy
 * whose document on the read-th call is `answer(read)`, as a replica that has or has not
 * yet heard of an apply would see it. `versionOf` numbers each document.
 */
export class ScriptedPolicyReader extends ActivePolicyReader {
  reads = 0;

  constructor(
    private readonly policyId: string,
    private readonly answer: (read: number) => string,
    private readonly versionOf: (document: string) => number,
  ) {
    // Neither the bus nor the config is used: `policies` is all the double answers.
    super(undefined as never, undefined as never);
  }

  override async policies(): Promise<ActivePolicyDocument[]> {
    const document = this.answer(this.reads);
    this.reads += 1;

    return [{ policyId: this.policyId, version: this.versionOf(document), document }];
  }
}
