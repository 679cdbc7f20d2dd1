import { CategoryResidency } from '@compliance/policy-engine';
import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** One residency configuration per company, set by hand or by the applied policy. */
@Entity({ schema: 'policy', name: 'data_residency' })
export class ResidencyConfigEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ name: 'primary_region', type: 'text' })
  primaryRegion: string;

  @Column({ name: 'replication_regions', type: 'jsonb' })
  replicationRegions: string[];

  @Column({ name: 'storage_prefixes', type: 'jsonb' })
  storagePrefixes: Record<string, string>;

  @Column({ type: 'jsonb' })
  frameworks: ('GDPR' | 'CCPA' | 'SOC2' | 'HIPAA')[];

  @Column({ type: 'text' })
  enforcement: 'soft' | 'hard';

  @Column({ name: 'block_cross_region_transfers', type: 'boolean' })
  blockCrossRegionTransfers: boolean;

  /** Data categories placed apart, as the applied policy or a save by hand names them. */
  @Column({ type: 'jsonb', default: {} })
  categories: Record<string, CategoryResidency>;

  @Column({ type: 'text' })
  source: 'manual' | 'policy';

  @Column({ name: 'policy_id', type: 'uuid', nullable: true })
  policyId: string | null;

  @Column({ name: 'policy_version', type: 'integer', nullable: true })
  policyVersion: number | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
