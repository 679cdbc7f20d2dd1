import { CurrentAuth, RequireScopes } from '@compliance/auth';
import { AuthContext, getDsrContact, setDsrContact } from '@compliance/contracts';
import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ServiceClient } from '../client/service-client';
import { SetDsrContactDto } from '../dto/dsr-contact.dto';

@ApiTags('dsr-requests')
@ApiBearerAuth()
@Controller('api/compliance/dsr-contact')
export class DsrContactController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @RequireScopes('dsr:read')
  @ApiOperation({ summary: 'The address deadline notices are mailed to, masked' })
  get(@CurrentAuth() auth: AuthContext) {
    return this.services.send(getDsrContact, {}, auth);
  }

  @Put()
  @RequireScopes('dsr:write')
  @ApiOperation({ summary: 'Set (or remove, with null) the address deadline notices go to' })
  set(@Body() body: SetDsrContactDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(setDsrContact, { email: body.email ?? null }, auth);
  }
}
