import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ArrayMaxSize,
} from 'class-validator';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

export class ResidencyConfigDto {
  @ApiProperty({ example: 'eu-west-1' })
  @Matches(REGION)
  primaryRegion: string;

  @ApiPropertyOptional({ example: ['eu-central-1'] })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(REGION, { each: true })
  replicationRegions?: string[];

  @ApiPropertyOptional({ example: { 'eu-west-1': 's3://acme-crm-eu-west-1/' } })
  @IsOptional()
  @IsObject()
  storagePrefixes?: Record<string, string>;

  @ApiPropertyOptional({ example: ['GDPR'] })
  @IsOptional()
  @IsIn(['GDPR', 'CCPA', 'SOC2', 'HIPAA'], { each: true })
  frameworks?: ('GDPR' | 'CCPA' | 'SOC2' | 'HIPAA')[];

  @ApiPropertyOptional({ enum: ['soft', 'hard'] })
  @IsOptional()
  @IsIn(['soft', 'hard'])
  enforcement?: 'soft' | 'hard';

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  blockCrossRegionTransfers?: boolean;
}

export class CheckTransferDto {
  @ApiProperty({ example: 'contact' })
  @IsString()
  @Length(1, 100)
  category: string;

  @ApiProperty({ example: 'eu-west-1' })
  @Matches(REGION)
  fromRegion: string;

  @ApiProperty({ example: 'us-east-1' })
  @Matches(REGION)
  toRegion: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  resourceId?: string;
}
