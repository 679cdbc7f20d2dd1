import { Writable } from 'node:stream';

import { configureLogging, createLogger } from './logger';
import { runWithRequestId } from './request-context';

function captureLines(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().trim().split('\n'));
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  afterEach(() => configureLogging('silent'));

  it('should write structured JSON with the component and the request id', () => {
    const { lines, stream } = captureLines();
    configureLogging('info', stream);
    const logger = createLogger('PolicyService');

    runWithRequestId('req-42', () => logger.info({ policyId: 'p-1' }, 'policy validated'));

    const line = JSON.parse(lines[0]);
    expect(line).toMatchObject({
      component: 'PolicyService',
      requestId: 'req-42',
      policyId: 'p-1',
      msg: 'policy validated',
      level: 'info',
    });
  });

  it('should redact secrets and personal data at any depth', () => {
    const { lines, stream } = captureLines();
    configureLogging('info', stream);
    const logger = createLogger('VaultService');

    logger.info(
      {
        secret: 's3cr3t-value',
        request: { headers: { authorization: 'Bearer abc.def.ghi' } },
        subject: { email: 'ada@example.com', phone: '+441234567890' },
      },
      'handled',
    );

    const output = lines.join('\n');
    expect(output).not.toContain('s3cr3t-value');
    expect(output).not.toContain('abc.def.ghi');
    expect(output).not.toContain('ada@example.com');
    expect(output).not.toContain('+441234567890');
  });
});
