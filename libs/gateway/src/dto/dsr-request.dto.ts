import { DSR_CHANNELS, DSR_JURISDICTIONS, DSR_STATUSES, DSR_TYPES } from '@compliance/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { PageQueryDto } from './page-query.dto';

const VERIFICATION_METHODS = ['email_link', 'sms_code', 'document', 'account_login', 'other'];

export class DsrVerificationDto {
  @ApiProperty({ enum: VERIFICATION_METHODS })
  @IsIn(VERIFICATION_METHODS)
  method: 'email_link' | 'sms_code' | 'document' | 'account_login' | 'other';

  @ApiProperty({ example: '2025-01-31T10:00:00Z' })
  @IsISO8601({ strict: true })
  verifiedAt: string;
}

export class DsrIdentifierDto {
  @ApiProperty({ enum: ['email', 'phone', 'external_id'] })
  @IsIn(['email', 'phone', 'external_id'])
  kind: 'email' | 'phone' | 'external_id';

  @ApiProperty({
    example: 'ada@example.com',
    description: 'Up to 320 characters; for kind email, exactly one address',
  })
  @IsString()
  @Length(1, 320)
  value: string;

  @ApiPropertyOptional({ type: DsrVerificationDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DsrVerificationDto)
  verification?: DsrVerificationDto;
}

export class DsrRequesterDto {
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  name?: string | null;

  @ApiPropertyOptional({ enum: ['subject', 'agent', 'guardian'] })
  @IsOptional()
  @IsIn(['subject', 'agent', 'guardian'])
  relation?: 'subject' | 'agent' | 'guardian';
}

export class CreateDsrRequestDto {
  @ApiProperty({ enum: DSR_TYPES })
  @IsIn(DSR_TYPES)
  type: (typeof DSR_TYPES)[number];

  @ApiPropertyOptional({ enum: DSR_JURISDICTIONS, default: 'default' })
  @IsOptional()
  @IsIn(DSR_JURISDICTIONS)
  jurisdiction?: (typeof DSR_JURISDICTIONS)[number];

  @ApiPropertyOptional({ enum: DSR_CHANNELS, default: 'api' })
  @IsOptional()
  @IsIn(DSR_CHANNELS)
  channel?: (typeof DSR_CHANNELS)[number];

  @ApiPropertyOptional({ type: DsrRequesterDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DsrRequesterDto)
  requester?: DsrRequesterDto;

  @ApiProperty({ type: [DsrIdentifierDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DsrIdentifierDto)
  identifiers: DsrIdentifierDto[];

  @ApiPropertyOptional({ example: ['marketing'] })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  purposes?: string[];

  @ApiPropertyOptional({ example: { name: 'Ada Lovelace' } })
  @IsOptional()
  @IsObject()
  changes?: Record<string, string>;

  @ApiPropertyOptional({ description: 'When the request reached the company; now by default' })
  @IsOptional()
  @IsISO8601({ strict: true })
  receivedAt?: string;
}

export class UpdateDsrRequestDto {
  @ApiPropertyOptional({ enum: ['rejected'] })
  @IsOptional()
  @IsIn(['rejected'])
  status?: 'rejected';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 200)
  requesterName?: string;
}

export class DsrIdentifierVerificationDto extends DsrVerificationDto {
  @ApiProperty({ description: 'Position of the identifier in the request' })
  @IsInt()
  @Min(0)
  index: number;
}

export class VerifyDsrRequestDto {
  @ApiProperty({ type: [DsrIdentifierVerificationDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DsrIdentifierVerificationDto)
  verifications: DsrIdentifierVerificationDto[];
}

export class ExtendDsrRequestDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 2 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2)
  months?: number;

  @ApiProperty({ example: 'the request spans several systems' })
  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class DsrListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DSR_STATUSES })
  @IsOptional()
  @IsIn(DSR_STATUSES)
  status?: (typeof DSR_STATUSES)[number];
}

export class DsrExportQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'zip'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'zip'])
  format?: 'json' | 'zip';
}

export class DsrExportDownloadQueryDto {
  @ApiProperty({ description: 'The single-use token GET export/ answered with' })
  @IsString()
  @Length(16, 128)
  token: string;
}
