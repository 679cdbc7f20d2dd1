import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import S3rver from '@20minutes/s3rver';
import { S3Client } from '@aws-sdk/client-s3';

export interface S3TestServer {
  bucket: string;
  client: S3Client;
  close(): Promise<void>;
}

/** s3rver checks SigV4 signatures against these fixed keys. */
const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * A real S3-compatible server (s3rver, objects on disk) in this process on a free loopback
 * port, with one empty bucket, and a client addressing it path-style as configuration does
 * for an S3-compatible endpoint.
 */
export async function startS3TestServer(bucket = 'retention-archives'): Promise<S3TestServer> {
  const directory = await mkdtemp(join(tmpdir(), 'retention-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const client = new S3Client({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
  });

  return {
    bucket,
    client,
    close: async () => {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
