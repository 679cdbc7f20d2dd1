import {
  RESIDENCY_CATEGORIES,
  RESIDENCY_REGIONS,
  ResidencyCategories,
} from '@compliance/contracts';
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

const KNOWN_REGION = { type: 'string', enum: [...RESIDENCY_REGIONS] };

/** One category's placement, as a policy's `residency.categories` takes it. */
const CATEGORY_PLACEMENT = {
  type: 'object',
  additionalProperties: false,
  required: ['primaryRegion'],
  properties: {
    primaryRegion: KNOWN_REGION,
    replicationRegions: {
      type: 'array',
      items: KNOWN_REGION,
      uniqueItems: true,
      description: 'None unless listed; never the primary region of the category',
    },
    storagePrefix: { type: 'string', minLength: 1, maxLength: 500 },
  },
};

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

  // The contract checks the placements, with the path of each wrong field, as it does for
  // storagePrefixes; the gateway only makes sure it forwards a map.
  @ApiPropertyOptional({
    type: 'object',
    description:
      `Per data category (${RESIDENCY_CATEGORIES.join(', ')}), a placement of its own. ` +
      'A save or change without it keeps the stored placements; an object replaces them; ' +
      '{} removes them.',
    additionalProperties: CATEGORY_PLACEMENT,
    example: { health: { primaryRegion: 'eu-central-2', storagePrefix: 's3://acme-health/' } },
  })
  @IsOptional()
  @IsObject()
  categories?: ResidencyCategories;
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
