import {
  compilePolicy,
  CompiledPolicy,
  PolicyDocument,
  validatePolicy,
} from '@compliance/policy-engine';

import { DEFAULT_DSR_SETTINGS, DsrSettings } from './dsr-settings';

/** The settings an applied policy decides; time zone, residency and export life stay. */
export type PolicyDsrSettings = Pick<
  DsrSettings,
  'verificationRequired' | 'deadlineDays' | 'extensionMaxDays' | 'enforcement'
>;

type DsrSection = NonNullable<CompiledPolicy['dsr']>;

/**
 * What the company's active policies say about data subject requests. Where several have
 * a `dsr` section the strictest wins: the shortest deadline and extension, verification
 * if any asks for it, hard enforcement if any is hard. With no section at all the
 * defaults come back, so archiving the only policy undoes what it set.
 */
export function dsrSettingsFromPolicies(documents: readonly string[]): PolicyDsrSettings {
  const sections = documents.map(dsrSection).filter((section) => section !== undefined);

  if (sections.length === 0) {
    return {
      verificationRequired: DEFAULT_DSR_SETTINGS.verificationRequired,
      deadlineDays: DEFAULT_DSR_SETTINGS.deadlineDays,
      extensionMaxDays: DEFAULT_DSR_SETTINGS.extensionMaxDays,
      enforcement: DEFAULT_DSR_SETTINGS.enforcement,
    };
  }

  return {
    verificationRequired: sections.some((section) => section.identityVerificationRequired),
    deadlineDays: Math.min(...sections.map((section) => section.deadlineDays)),
    extensionMaxDays: strictestExtension(sections.map(extensionDays)),
    enforcement: sections.some((section) => section.enforcement === 'hard') ? 'hard' : 'soft',
  };
}

function dsrSection(document: string): DsrSection | undefined {
  // The policy service activates only valid versions; the validator is the parser so a
  // document is read exactly as it was checked, with the engine's own defaults.
  const parsed = validatePolicy(document).document as PolicyDocument | undefined;

  return parsed ? compilePolicy(parsed).dsr : undefined;
}

/** 0 when the section allows none; null when it allows one without a limit of its own. */
function extensionDays(section: DsrSection): number | null {
  if (!section.extension.allowed) {
    return 0;
  }

  // The engine compiles an absent `maxDays` to 0; the schema's least limit is 1 day.
  return section.extension.maxDays > 0 ? section.extension.maxDays : null;
}

/** The shortest limit any section sets; null only when none sets one. */
function strictestExtension(limits: (number | null)[]): number | null {
  const set = limits.filter((limit) => limit !== null);

  return set.length > 0 ? Math.min(...set) : null;
}
