export * from './active-policy.reader';
export * from './company-policy-settings';
export * from './policy-settings.cache';
export * from './policy-settings.module';
export * from './settle-derived-settings';
export * from './follow-applied-policies';
