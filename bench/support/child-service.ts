import { ChildProcess, spawn } from 'node:child_process';

const TAIL_LINES = 40;

/**
 * A platform process started the way production starts it: `node main.js` with its own
 * environment. The last lines it printed are kept, to explain a failed start.
 */
export class ChildService {
  private readonly tail: string[] = [];
  private exitStatus: string | undefined;
  private readonly exit: Promise<void>;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => this.keep(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.keep(chunk));

    this.exit = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitStatus = signal ? `killed by ${signal}` : `exit code ${code}`;
        resolve();
      });
    });
  }

  static start(name: string, script: string, env: Record<string, string>): ChildService {
    const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    return new ChildService(name, child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get exited(): boolean {
    return this.exitStatus !== undefined;
  }

  /** How the process ended, for a message; undefined while it runs. */
  get exitedWith(): string | undefined {
    return this.exitStatus;
  }

  logTail(): string {
    return this.tail.join('\n');
  }

  /** SIGTERM lets it drain and close its pools; SIGKILL if it has not gone within the grace. */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.exited) {
      return;
    }

    this.child.kill('SIGTERM');

    if (await this.exitsWithin(graceMs)) {
      return;
    }

    this.child.kill('SIGKILL');

    if (!(await this.exitsWithin(graceMs))) {
      throw new Error(`${this.name} (pid ${this.child.pid}) survived SIGKILL`);
    }
  }

  private async exitsWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });

    const exited = await Promise.race([this.exit.then(() => true as const), timeout]);
    clearTimeout(timer);

    return exited;
  }

  private keep(chunk: Buffer): void {
    this.tail.push(...chunk.toString('utf8').trimEnd().split('\n'));
    this.tail.splice(0, Math.max(0, this.tail.length - TAIL_LINES));
  }
}
