import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

import { ExportLocation, ExportStore } from './export-store';

/**
 * Exports as files under one root (`DSR_EXPORT_DIR`), a folder per region and, below it,
 * per storage prefix: `<root>/eu-west-1/acme/exports/<company>/<request>/...`.
 */
export class LocalExportStore implements ExportStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async write(location: ExportLocation, key: string, body: Buffer): Promise<string> {
    const path = this.pathOf(location, key);
    const partial = `${path}.partial`;

    await mkdir(dirname(path), { recursive: true });

    // Written aside and renamed, so a crash never leaves a truncated part under the name.
    await writeFile(partial, body, { flag: 'w' });
    await rename(partial, path);
    return path;
  }

  read(location: ExportLocation, key: string): Promise<Buffer> {
    return readFile(this.pathOf(location, key));
  }

  async remove(location: ExportLocation, keyPrefix: string): Promise<void> {
    await rm(this.pathOf(location, keyPrefix), { recursive: true, force: true });
  }

  /** The folder of a location: region and prefix segments, each a plain folder name. */
  folderOf(location: ExportLocation): string {
    const segments = [location.region, ...(location.prefix ?? '').split('/')]
      .filter((segment) => segment !== '')
      .map(folderName);

    return join(this.root, ...segments);
  }

  private pathOf(location: ExportLocation, key: string): string {
    const path = resolve(join(this.folderOf(location), key));

    if (!path.startsWith(this.root + sep)) {
      throw new Error('an export key must stay inside the export folder');
    }

    return path;
  }
}

/**
 * A prefix is free text from a residency configuration: anything but letters, digits,
 * `.`, `_` and `-` is percent-encoded, and `.` or `..` alone can never climb a level.
 */
function folderName(segment: string): string {
  const encoded = segment.replace(/[^A-Za-z0-9._-]/gu, (char) =>
    [...Buffer.from(char)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join(''),
  );

  return /^\.+$/.test(encoded) ? encoded.replace(/\./g, '%2E') : encoded;
}
