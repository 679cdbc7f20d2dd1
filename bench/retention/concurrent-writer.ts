import { Client } from 'pg';

export interface LatencySummary {
  statements: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * The CRM's own traffic on the table being purged: one client inserting fresh rows and
 * updating rows it inserted earlier, back to back, timing every statement.
 */
export class ConcurrentWriter {
  private readonly client: Client;
  private samples: number[] = [];
  private stopping = false;
  private loop: Promise<void> | undefined;
  private readonly ids: string[] = [];

  constructor(
    url: string,
    private readonly companyId: string,
  ) {
    this.client = new Client({ connectionString: url, application_name: 'bench-writer' });
  }

  async start(): Promise<void> {
    await this.client.connect();
    this.loop = this.run();
  }

  /** Starts a fresh window: the figures of `window()` cover only what follows. */
  reset(): void {
    this.samples = [];
  }

  window(): LatencySummary {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

    return {
      statements: sorted.length,
      p50: at(0.5) ?? 0,
      p99: at(0.99) ?? 0,
      max: sorted[sorted.length - 1] ?? 0,
    };
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop;
    await this.client.end();
  }

  private async run(): Promise<void> {
    let turn = 0;

    while (!this.stopping) {
      const began = performance.now();

      if (turn % 2 === 0 || this.ids.length === 0) {
        const result = await this.client.query<{ id: string }>(
          `INSERT INTO bench_crm.events (company_id, email, payload, created_at, updated_at)
           VALUES ($1, $2, repeat('y', 120), now(), now()) RETURNING id::text AS id`,
          [this.companyId, `writer${turn}@example.test`],
        );
        this.ids.push(result.rows[0].id);
      } else {
        const id = this.ids[Math.floor(Math.random() * this.ids.length)];
        await this.client.query(
          'UPDATE bench_crm.events SET updated_at = now(), payload = $2 WHERE id = $1',
          [id, `z${turn}`],
        );
      }

      this.samples.push(performance.now() - began);
      turn += 1;
    }
  }
}
