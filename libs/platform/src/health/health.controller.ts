import { Public } from '@compliance/auth';
import { MESSAGE_BUS, MessageBus } from '@compliance/messaging';
import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';

import { ReadinessRegistry } from './readiness.registry';

/** Liveness says the process runs; readiness says it can serve: database and bus up. */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: ReadinessRegistry,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  @Public()
  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    const { ready, checks } = await this.readiness.evaluate();
    const all = { ...checks, messaging: this.bus.isConnected() ? 'up' : 'down' };
    const ok = ready && all.messaging === 'up';

    response.status(ok ? 200 : 503);
    return { status: ok ? 'ready' : 'not_ready', checks: all };
  }
}
