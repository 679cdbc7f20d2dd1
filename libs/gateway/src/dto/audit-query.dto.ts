import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';

import { PageQueryDto } from './page-query.dto';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Who acted: a user id, API key id or service name' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  actorId?: string;

  @ApiPropertyOptional({ example: 'policy.created' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  action?: string;

  @ApiPropertyOptional({ example: 'policy' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  resourceType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(256)
  resourceId?: string;

  @ApiPropertyOptional({ description: 'Earliest time, ISO 8601 with offset' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Latest time, ISO 8601 with offset' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
