import { loadConfig } from '@compliance/config';

import { archiveStoreFrom } from './archive-store.factory';
import { LocalArchiveStore } from './local-archive-store';
import { S3ArchiveStore } from './s3-archive-store';

describe(archiveStoreFrom.name, () => {
  it('should keep archives in the local folder by default', () => {
    expect(archiveStoreFrom(loadConfig({}).retention)).toBeInstanceOf(LocalArchiveStore);
  });

  it('should write archives to S3 when configuration names a bucket', () => {
    const config = loadConfig({
      RETENTION_ARCHIVE_STORE: 's3',
      RETENTION_ARCHIVE_S3_BUCKET: 'crm-archives',
      RETENTION_ARCHIVE_S3_REGION: 'eu-west-3',
    });

    expect(archiveStoreFrom(config.retention)).toBeInstanceOf(S3ArchiveStore);
  });
});
