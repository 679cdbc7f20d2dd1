import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

import { ArchiveStore } from './archive-store';

/** Archives as files under one folder (`${DATA_DIR}/archives` by default). */
export class LocalArchiveStore implements ArchiveStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async write(key: string, body: Buffer): Promise<string> {
    const path = this.pathOf(key);
    const partial = `${path}.partial`;

    await mkdir(dirname(path), { recursive: true });

    // Written aside and renamed, so a crash never leaves a truncated archive under the name.
    await writeFile(partial, body, { flag: 'w' });
    await rename(partial, path);
    return path;
  }

  read(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  remove(key: string): Promise<void> {
    return rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    const path = resolve(join(this.root, key));

    if (!path.startsWith(this.root + sep)) {
      throw new Error('an archive key must stay inside the archive folder');
    }

    return path;
  }
}
