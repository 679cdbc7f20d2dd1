import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

import { PageQueryDto } from './page-query.dto';

export class StartAccessReviewDto {
  @ApiPropertyOptional({
    example: '2027-Q1',
    description: 'Defaults to the current period of the company’s cadence (a quarter unless set)',
  })
  @IsOptional()
  @Matches(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$/, {
    message: 'period must be a month, quarter, half-year or year: 2027-01, 2027-Q1, 2027-H1, 2027',
  })
  period?: string;

  @ApiPropertyOptional({
    example: '2027-01-31T00:00:00Z',
    description: 'Defaults to the opening plus the company’s review days (30)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueAt?: string;
}

export class UpdateAccessReviewDto {
  @ApiProperty({ example: '2027-02-15T00:00:00Z' })
  @IsISO8601({ strict: true })
  dueAt: string;
}

export class AccessReviewReportQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class StaleAccessQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only the items of this campaign' })
  @IsOptional()
  @IsUUID()
  reviewId?: string;

  @ApiPropertyOptional({ enum: ['undecided', 'decided', 'revocation-pending'] })
  @IsOptional()
  @IsIn(['undecided', 'decided', 'revocation-pending'])
  state?: 'undecided' | 'decided' | 'revocation-pending';
}

export class ResolveStaleAccessDto {
  @ApiProperty({ enum: ['revoked', 'retained'] })
  @IsIn(['revoked', 'retained'])
  decision: 'revoked' | 'retained';

  @ApiPropertyOptional({ description: 'Required when the access is retained', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  justification?: string;
}
