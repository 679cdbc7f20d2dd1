/**
 * Where archives go. The local folder is the default; the S3 store implements the same
 * three calls.
 */
export interface ArchiveStore {
  /** Writes the object and returns where it lives (path or URL). */
  write(key: string, body: Buffer): Promise<string>;
  read(key: string): Promise<Buffer>;
  /** Removes an object that failed its check, so nothing passes for an archive it is not. */
  remove(key: string): Promise<void>;
}

/** The key prefix of a company's archives: its residency placement, then its id. */
export interface ArchivePlacement {
  prefixFor(companyId: string): Promise<string>;
}

export const ARCHIVE_STORE = Symbol('ARCHIVE_STORE');
export const ARCHIVE_PLACEMENT = Symbol('ARCHIVE_PLACEMENT');
