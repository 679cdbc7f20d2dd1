import { CurrentAuth, RequireScopes } from '@compliance/auth';
import { AuthContext } from '@compliance/contracts';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

/**
 * Tells a caller how the gateway sees its credential. It is answered by the gateway
 * alone, which also makes it the baseline the gateway benchmark compares against.
 */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/compliance/whoami')
export class WhoAmIController {
  @Get()
  @RequireScopes()
  @ApiOperation({ summary: 'The company, actor and scopes of the calling credential' })
  whoami(@CurrentAuth() auth: AuthContext) {
    return { companyId: auth.companyId, actor: auth.actor, scopes: auth.scopes };
  }
}
