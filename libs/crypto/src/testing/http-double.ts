import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface HttpDouble {
  url: string;
  close: () => Promise<void>;
}

export interface DoubleRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

export interface DoubleAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A JSON HTTP server on a free loopback port, answering with `handle`. */
export async function startHttpDouble(
  handle: (request: DoubleRequest) => DoubleAnswer,
): Promise<HttpDouble> {
  const server = createServer((request, response) => {
    void serve(request, response, handle);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  handle: (request: DoubleRequest) => DoubleAnswer,
): Promise<void> {
  const chunks: Buffer[] = [];

  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }

  const text = Buffer.concat(chunks).toString('utf8');
  let answer: DoubleAnswer;

  try {
    const body = (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
    answer = handle({
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      headers: request.headers,
      body,
    });
  } catch (failure) {
    answer = { status: 500, body: { errors: [String(failure)] } };
  }

  response.writeHead(answer.status, {
    'content-type': 'application/json',
    ...answer.headers,
  });
  response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();

  return new Promise((resolve, reject) =>
    server.close((failure) => (failure ? reject(failure) : resolve())),
  );
}
