import { POLICY_DOCUMENT_MAX_BYTES } from '@compliance/contracts';
import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, MaxLength, Min } from 'class-validator';

export class UpdatePolicyDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ description: 'The new version as YAML; it becomes a draft' })
  @IsOptional()
  @IsString()
  @Length(1, POLICY_DOCUMENT_MAX_BYTES)
  document?: string;
}

export class VersionDto {
  @ApiPropertyOptional({ description: 'A version number; the newest when left out' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class RollbackDto {
  @ApiProperty({ description: 'The version to bring back, as a new version' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  toVersion: number;
}

export class DiffQueryDto {
  @ApiProperty()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from: number;

  @ApiProperty()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  to: number;
}
