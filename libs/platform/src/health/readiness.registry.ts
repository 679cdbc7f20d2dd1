import { Injectable } from '@nestjs/common';

export type ReadinessCheck = () => Promise<boolean>;

/**
 * The checks `/health/ready` runs. Modules register what they depend on; a process that
 * is shutting down reports not ready so that load balancers stop sending it work.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();
  private draining = false;

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  markDraining(): void {
    this.draining = true;
  }

  async evaluate(): Promise<{ ready: boolean; checks: Record<string, 'up' | 'down'> }> {
    const checks: Record<string, 'up' | 'down'> = {};

    await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        checks[name] = (await check().catch(() => false)) ? 'up' : 'down';
      }),
    );

    const ready = !this.draining && Object.values(checks).every((state) => state === 'up');
    return { ready, checks };
  }
}
