import { PassThrough } from 'node:stream';

import { ClientClosedError, writeToClient } from './write-to-client';

/** A client that reads nothing until told to: every write past its buffer has to wait. */
function slowClient() {
  return new PassThrough({ highWaterMark: 4 });
}

describe('writeToClient', () => {
  it('should wait for a slow client and leave no listener behind, however many waits', async () => {
    const output = slowClient();
    const received: string[] = [];

    for (let piece = 0; piece < 50; piece += 1) {
      const writing = writeToClient(output, `piece-${piece};`);
      // Reading what is buffered lets the stream drain and the write go on.
      let chunk: Buffer | null;
      while ((chunk = output.read() as Buffer | null) !== null) {
        received.push(chunk.toString());
      }
      await writing;
    }

    expect(received.join('')).toContain('piece-49;');
    expect(output.listenerCount('drain')).toBe(0);
    expect(output.listenerCount('close')).toBe(0);
  });

  it('should give up with a clear error once the client has gone', async () => {
    const output = slowClient();
    const writing = writeToClient(output, 'more than four bytes');

    output.destroy();

    await expect(writing).rejects.toBeInstanceOf(ClientClosedError);
    await expect(writeToClient(output, 'again')).rejects.toThrow('the client closed the download');
  });
});
