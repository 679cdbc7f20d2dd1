import { POLICY_DOCUMENT_MAX_BYTES } from '@compliance/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';

export class CreatePolicyDto {
  @ApiProperty({ example: 'EU baseline', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiProperty({ description: 'The policy as YAML', maxLength: POLICY_DOCUMENT_MAX_BYTES })
  @IsString()
  @Length(1, POLICY_DOCUMENT_MAX_BYTES)
  document: string;
}
