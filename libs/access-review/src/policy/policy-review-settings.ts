import { PolicyDocument, validatePolicy } from '@compliance/policy-engine';

import { DEFAULT_REVIEW_SETTINGS, ReviewSettings } from '../settings/review-settings';

type AccessReviewSection = NonNullable<PolicyDocument['spec']['accessReview']>;

/** The settings an applied policy decides; the rest (privileged roles, reminders) stay. */
export type PolicyReviewSettings = Pick<
  ReviewSettings,
  'cadence' | 'inactivityDays' | 'adminRoles' | 'undecidedAction'
>;

/**
 * What the company's active policies say about access reviews. Sections are read in the
 * order the policy service lists them and a later one wins field by field; with no section
 * at all the defaults come back, so archiving the only policy undoes what it set.
 */
export function reviewSettingsFromPolicies(documents: readonly string[]): PolicyReviewSettings {
  const section = documents
    .map(accessReviewSection)
    .reduce<AccessReviewSection>((merged, next) => ({ ...merged, ...definedOnly(next) }), {});

  return {
    cadence: section.cadence ?? DEFAULT_REVIEW_SETTINGS.cadence,
    inactivityDays: section.inactivityDays ?? DEFAULT_REVIEW_SETTINGS.inactivityDays,
    adminRoles: section.reviewers?.length
      ? [...section.reviewers]
      : [...DEFAULT_REVIEW_SETTINGS.adminRoles],
    undecidedAction: undecidedAction(section.autoRevoke),
  };
}

function accessReviewSection(document: string): AccessReviewSection {
  // The policy service activates only valid versions; the validator is the parser so a
  // document is read exactly as it was checked.
  const parsed = validatePolicy(document).document as PolicyDocument | undefined;

  return parsed?.spec?.accessReview ?? {};
}

function undecidedAction(autoRevoke: boolean | undefined): ReviewSettings['undecidedAction'] {
  if (autoRevoke === undefined) {
    return DEFAULT_REVIEW_SETTINGS.undecidedAction;
  }

  // Without auto-revoke nobody's access is kept silently: the undecided item escalates.
  return autoRevoke ? 'revoke' : 'escalate';
}

function definedOnly(section: AccessReviewSection): AccessReviewSection {
  const defined: AccessReviewSection = Object.fromEntries(
    Object.entries(section).filter(([, value]) => value !== undefined),
  );

  return defined;
}
