import { policyActions } from '@compliance/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional } from 'class-validator';

/** The nested shapes are checked by the contract where the request enters the service. */
export class EvaluateDto {
  @ApiProperty({ enum: policyActions, example: 'data.transfer' })
  @IsIn(policyActions)
  action: (typeof policyActions)[number];

  @ApiProperty({ example: { entity: 'contact', id: 'c-42' } })
  @IsObject()
  resource: Record<string, unknown>;

  @ApiPropertyOptional({ example: { fromRegion: 'eu-west-1', toRegion: 'us-east-1' } })
  @IsOptional()
  @IsObject()
  context?: Record<string, unknown>;
}
