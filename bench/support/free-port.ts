import { createServer, Server } from 'node:net';

/**
 * Ports nothing listens on right now, chosen by the kernel. All are held open until the
 * last is known, so the same port is never handed out twice.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, listenAnywhere));
  const ports = servers.map((server) => {
    const address = server.address();
    return typeof address === 'object' && address ? address.port : 0;
  });

  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));

  if (ports.includes(0)) {
    throw new Error('the kernel assigned no port');
  }

  return ports;
}

function listenAnywhere(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();

    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
