import { RETENTION_METHODS, RETENTION_OPERATORS } from '@compliance/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export class RetentionConditionDto {
  @ApiProperty({ example: 'status' })
  @Matches(IDENTIFIER)
  field: string;

  @ApiProperty({ enum: RETENTION_OPERATORS })
  @IsIn(RETENTION_OPERATORS)
  operator: (typeof RETENTION_OPERATORS)[number];

  @ApiPropertyOptional({ example: 'closed', description: 'a value, or a list for in/not_in' })
  @Allow()
  value?: string | number | boolean | (string | number | boolean)[];
}

export class CreateRetentionPolicyDto {
  @ApiProperty({ example: 'closed leads after 2 years' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: 'lead' })
  @Matches(IDENTIFIER)
  entity: string;

  @ApiProperty({ example: 730 })
  @IsInt()
  @Min(1)
  @Max(36_500)
  periodDays: number;

  @ApiProperty({ example: 'created_at' })
  @Matches(IDENTIFIER)
  dateField: string;

  @ApiProperty({ enum: RETENTION_METHODS })
  @IsIn(RETENTION_METHODS)
  method: (typeof RETENTION_METHODS)[number];

  @ApiPropertyOptional({ type: [RetentionConditionDto] })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RetentionConditionDto)
  conditions?: RetentionConditionDto[];

  @ApiPropertyOptional({ example: '0 2 * * *' })
  @IsOptional()
  @IsString()
  @Length(9, 100)
  schedule?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ example: 'deleted_at', description: 'required for method soft' })
  @IsOptional()
  @Matches(IDENTIFIER)
  softDeleteColumn?: string;
}

export class UpdateRetentionPolicyDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36_500)
  periodDays?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(IDENTIFIER)
  dateField?: string;

  @ApiPropertyOptional({ enum: RETENTION_METHODS })
  @IsOptional()
  @IsIn(RETENTION_METHODS)
  method?: (typeof RETENTION_METHODS)[number];

  @ApiPropertyOptional({ type: [RetentionConditionDto] })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RetentionConditionDto)
  conditions?: RetentionConditionDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(9, 100)
  schedule?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(IDENTIFIER)
  softDeleteColumn?: string;
}

export class ExecuteRetentionPolicyDto {
  @ApiPropertyOptional({ default: false, description: 'count and sample, change nothing' })
  @IsOptional()
  @IsBoolean()
  preview?: boolean;

  @ApiPropertyOptional({ description: 'refuse to start if the set grew past this preview' })
  @IsOptional()
  @IsUUID()
  previewId?: string;

  @ApiPropertyOptional({ default: 0, example: 5 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1000)
  maxGrowthPercent?: number;
}

export class RetentionLogQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  policyId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  runId?: string;
}

export class SubjectRefDto {
  @ApiProperty({ enum: ['email', 'phone', 'external_id'] })
  @IsIn(['email', 'phone', 'external_id'])
  kind: 'email' | 'phone' | 'external_id';

  @ApiProperty({ example: 'ada@example.com' })
  @IsString()
  @Length(1, 320)
  value: string;
}

export class CreateLegalHoldDto {
  @ApiProperty({ example: 'litigation 2026-041' })
  @IsString()
  @Length(1, 2000)
  reason: string;

  @ApiProperty({ enum: ['subject', 'entity', 'filter'] })
  @IsIn(['subject', 'entity', 'filter'])
  scope: 'subject' | 'entity' | 'filter';

  @ApiPropertyOptional({ type: SubjectRefDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SubjectRefDto)
  subject?: SubjectRefDto;

  @ApiPropertyOptional({ example: 'deal' })
  @IsOptional()
  @Matches(IDENTIFIER)
  entity?: string;

  @ApiPropertyOptional({ type: [RetentionConditionDto] })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RetentionConditionDto)
  conditions?: RetentionConditionDto[];
}

export class UpdateLegalHoldDto {
  @ApiProperty()
  @IsString()
  @Length(1, 2000)
  reason: string;
}

export class LegalHoldQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Type(() => String)
  @IsIn(['true', 'false'])
  includeReleased?: string;
}
