import { SECRET_VALUE_MAX_BYTES } from '@compliance/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const SECRET_NAME = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/;
const SERVICE_IDENTITY = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const ROTATION_SOURCES = ['generated', 'supplied', 'external'] as const;

export class SecretGeneratorDto {
  @ApiPropertyOptional({ minimum: 16, maximum: 4096, default: 40 })
  @IsOptional()
  @IsInt()
  @Min(16)
  @Max(4096)
  length?: number;

  @ApiPropertyOptional({ description: 'Characters to draw from, 16 to 256 of them' })
  @IsOptional()
  @IsString()
  @Length(16, 256)
  alphabet?: string;
}

/** Settings a secret has besides its name and first value. */
export class SecretSettingsDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ example: 'crm-mail' })
  @IsOptional()
  @Matches(SERVICE_IDENTITY)
  ownerService?: string;

  @ApiPropertyOptional({ example: ['smtp'] })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ description: 'Service identities allowed to read it over NATS' })
  @IsOptional()
  @ArrayMaxSize(100)
  @Matches(SERVICE_IDENTITY, { each: true })
  allowedServices?: string[];

  @ApiPropertyOptional({ enum: ROTATION_SOURCES })
  @IsOptional()
  @IsIn(ROTATION_SOURCES)
  rotationSource?: (typeof ROTATION_SOURCES)[number];

  @ApiPropertyOptional({ type: SecretGeneratorDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SecretGeneratorDto)
  generator?: SecretGeneratorDto;

  @ApiPropertyOptional({ minimum: 1, maximum: 3650, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  rotationIntervalDays?: number | null;

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 2160, default: 24 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2160)
  overlapHours?: number;

  @ApiPropertyOptional({
    description: 'Who receives the expiry notices; stored encrypted, never returned; null clears',
    example: 'owner@example.com',
    nullable: true,
  })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  notifyEmail?: string | null;
}

export class CreateSecretDto extends SecretSettingsDto {
  @ApiProperty({ example: 'crm/smtp/password' })
  @Matches(SECRET_NAME)
  name: string;

  @ApiProperty({ example: 'crm-mail' })
  @Matches(SERVICE_IDENTITY)
  declare ownerService: string;

  @ApiPropertyOptional({ description: 'Absent: generated', maxLength: SECRET_VALUE_MAX_BYTES })
  @IsOptional()
  @IsString()
  @Length(1, SECRET_VALUE_MAX_BYTES)
  value?: string;
}

export class RotateSecretDto {
  @ApiPropertyOptional({ description: 'Absent: generated, or asked of the owning module' })
  @IsOptional()
  @IsString()
  @Length(1, SECRET_VALUE_MAX_BYTES)
  value?: string;
}

export class RollbackSecretDto {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  toVersion: number;
}

export class ChangeSecretVersionDto {
  @ApiProperty({ enum: ['enabled', 'disabled', 'destroyed'] })
  @IsIn(['enabled', 'disabled', 'destroyed'])
  status: 'enabled' | 'disabled' | 'destroyed';
}

export class RevealQueryDto {
  @ApiProperty({ description: 'Why the value is needed; kept in the access log' })
  @IsString()
  @Length(3, 500)
  reason: string;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class SecretLogQueryDto {
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

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @Matches(/^[0-9a-f-]{36}$/i)
  secretId?: string;
}
