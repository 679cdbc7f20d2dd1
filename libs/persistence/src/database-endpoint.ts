/** How to reach PostgreSQL: a URL, or a folder holding a Unix socket (embedded). */
export type DatabaseEndpoint =
  { kind: 'url'; url: string } | { kind: 'socket'; directory: string; port: number };

export function pgConnectionOptions(endpoint: DatabaseEndpoint): {
  connectionString?: string;
  host?: string;
  port?: number;
  user?: string;
  database?: string;
} {
  if (endpoint.kind === 'url') {
    return { connectionString: endpoint.url };
  }

  return { host: endpoint.directory, port: endpoint.port, user: 'postgres', database: 'postgres' };
}

/** The same endpoint in TypeORM's vocabulary, which says `url` and `username`. */
export function typeormConnectionOptions(endpoint: DatabaseEndpoint): {
  url?: string;
  host?: string;
  port?: number;
  username?: string;
  database?: string;
} {
  if (endpoint.kind === 'url') {
    return { url: endpoint.url };
  }

  return {
    host: endpoint.directory,
    port: endpoint.port,
    username: 'postgres',
    database: 'postgres',
  };
}

export function describeEndpoint(endpoint: DatabaseEndpoint): string {
  if (endpoint.kind === 'socket') {
    return `embedded PGlite at ${endpoint.directory}`;
  }

  const url = new URL(endpoint.url);
  return `postgresql://${url.host}${url.pathname}`;
}
