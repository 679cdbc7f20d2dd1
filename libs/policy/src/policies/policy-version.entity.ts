import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Versions are immutable: a change makes a new row, history is never rewritten. */
@Entity({ schema: 'policy', name: 'policy_versions' })
export class PolicyVersionEntity {
  @PrimaryColumn({ name: 'policy_id', type: 'uuid' })
  policyId: string;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  @Column({ type: 'text' })
  document: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
