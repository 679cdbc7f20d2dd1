import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Request } from 'express';

const UNLIMITED_PREFIXES = ['/health', '/metrics'];

/**
 * Limits HTTP callers only. In the all-in-one process the same Nest app also hosts the
 * services' bus handlers, which must never be throttled as if they were clients; probes
 * are left alone too, so a busy gateway is not declared dead.
 */
@Injectable()
export class HttpThrottlerGuard extends ThrottlerGuard {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      return true;
    }

    const path = context.switchToHttp().getRequest<Request>().path;

    if (UNLIMITED_PREFIXES.some((prefix) => path.startsWith(prefix))) {
      return true;
    }

    return super.canActivate(context);
  }
}
