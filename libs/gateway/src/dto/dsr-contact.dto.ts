import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, MaxLength, ValidateIf } from 'class-validator';

export class SetDsrContactDto {
  @ApiProperty({
    nullable: true,
    example: 'privacy@example.com',
    description: 'Where deadline notices are mailed; null removes the address',
  })
  // Null removes the address; anything else must be one.
  @ValidateIf((_, value) => value !== null)
  @IsEmail()
  @MaxLength(320)
  email: string | null;
}
