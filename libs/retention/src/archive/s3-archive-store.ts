import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createLogger } from '@compliance/logging';

import { ArchiveStore } from './archive-store';

/**
 * Archives as objects in one S3 bucket (or an S3-compatible one), keyed as the local store
 * names its files. The client comes configured: region, endpoint, addressing style and
 * credentials (the AWS default chain unless a caller passes its own).
 */
export class S3ArchiveStore implements ArchiveStore {
  private readonly logger = createLogger(S3ArchiveStore.name);

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async write(key: string, body: Buffer): Promise<string> {
    // PutObject replaces an object whole: a reader sees the old one or the new one, never
    // a part, so no rename dance is needed as on a file system.
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: checkedKey(key),
        Body: body,
        ContentType: 'application/gzip',
        ContentLength: body.length,
      }),
    );

    this.logger.debug({ bucket: this.bucket, key, bytes: body.length }, 'archive object written');
    return `s3://${this.bucket}/${key}`;
  }

  async read(key: string): Promise<Buffer> {
    const object = await this.client.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: checkedKey(key) }),
    );

    if (!object.Body) {
      throw new Error('the archive object came back without a body');
    }

    return Buffer.from(await object.Body.transformToByteArray());
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: checkedKey(key) }));
  }
}

/** Keys are built by the executor; one that climbs or starts at the root is a bug. */
function checkedKey(key: string): string {
  if (key.startsWith('/') || key.split('/').some((part) => part === '..' || part === '')) {
    throw new Error('an archive key must be a relative path without empty or ".." parts');
  }

  return key;
}
