import { RetentionMethod } from '@compliance/contracts';

export interface RunRow {
  id: string;
  company_id: string;
  policy_id: string;
  policy_version: number;
  trigger: string;
  schedule_slot: string | null;
  preview_id: string | null;
  cutoff: Date;
  status: 'running' | 'completed' | 'failed' | 'refused';
  started_at: Date;
  finished_at: Date | null;
}

export type RunTrigger = 'api' | 'cli' | 'schedule';

export interface RunOutcome {
  runId: string;
  status: RunRow['status'];
}

export function touchesChildren(method: RetentionMethod): boolean {
  return method !== 'soft';
}
