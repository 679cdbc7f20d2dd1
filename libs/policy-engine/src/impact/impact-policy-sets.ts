import { compilePolicy, CompiledPolicy } from '../engine/compiled-policy';
import { PolicyDocument } from '../engine/policy-document.types';
import { validatePolicy } from '../validation/policy-validator';

/** What a dry-run sends a data owner: the documents in force and the one proposed. */
export interface ImpactPolicies {
  candidate: string;
  replacesPolicyId?: string;
  active: readonly { policyId: string; document: string }[];
}

/** The documents in force today, and those that would be in force with the candidate. */
export interface ImpactDocumentSets {
  current: string[];
  candidate: string[];
}

/**
 * The candidate takes the place of the policy it replaces, so a reader for which a later
 * document wins sees it where the replaced one stood; a policy never applied comes last,
 * as the policy service lists the active ones oldest first.
 */
export function impactDocumentSets(request: ImpactPolicies): ImpactDocumentSets {
  const current = request.active.map((policy) => policy.document);
  const replaced = request.active.findIndex(
    (policy) => policy.policyId === request.replacesPolicyId,
  );

  if (request.replacesPolicyId === undefined || replaced < 0) {
    return { current, candidate: [...current, request.candidate] };
  }

  const candidate = [...current];
  candidate[replaced] = request.candidate;

  return { current, candidate };
}

/** Compiles documents the policy service accepted; the validator is the parser, as everywhere. */
export function compileDocuments(documents: readonly string[]): CompiledPolicy[] {
  return documents.map((document) =>
    compilePolicy(validatePolicy(document).document as PolicyDocument),
  );
}
