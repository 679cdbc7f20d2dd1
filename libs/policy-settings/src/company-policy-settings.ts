import {
  compilePolicy,
  CompiledPolicy,
  EvaluationRequest,
  evaluatePolicies,
  PolicyDecision,
  PolicyDocument,
  validatePolicy,
} from '@compliance/policy-engine';

export interface ActivePolicyVersion {
  policyId: string;
  version: number;
}

/** A company's policies in force, compiled, as one service sees them at one moment. */
export class CompanyPolicySettings {
  constructor(
    readonly companyId: string,
    readonly versions: readonly ActivePolicyVersion[],
    readonly policies: readonly CompiledPolicy[],
    readonly loadedAt: Date,
  ) {}

  static fromDocuments(
    companyId: string,
    documents: readonly (ActivePolicyVersion & { document: string })[],
    loadedAt: Date,
  ): CompanyPolicySettings {
    // The policy service only activates valid versions, so parsing cannot fail here; the
    // validator is still the parser, so a service reads a document exactly as it was checked.
    const policies = documents.map(({ document }) =>
      compilePolicy(validatePolicy(document).document as PolicyDocument),
    );
    const versions = documents.map(({ policyId, version }) => ({ policyId, version }));

    return new CompanyPolicySettings(companyId, versions, policies, loadedAt);
  }

  /** The same evaluator the policy service, dry-run and every other service use. */
  evaluate(request: EvaluationRequest, now = new Date()): PolicyDecision {
    return evaluatePolicies(this.policies, request, now);
  }
}
