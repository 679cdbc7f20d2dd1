import { AuthContext } from '@compliance/contracts';

import { assertExportEntity } from '../export-entity-name';

/** Where a company's export is kept: its residency region, under that region's prefix. */
export interface ExportLocation {
  region: string;
  /** Where under the region's storage the data goes, such as an S3 bucket prefix. */
  prefix: string | null;
}

/**
 * Where the sealed parts of exports go, mirroring the retention archive's store: a local
 * folder by default; an object store implements the same calls. A key names one part
 * within a location; a key prefix names an export's whole set of parts.
 */
export interface ExportStore {
  /** Writes the object and returns where it lives (path or URL). */
  write(location: ExportLocation, key: string, body: Buffer): Promise<string>;
  read(location: ExportLocation, key: string): Promise<Buffer>;
  /** Deletes every object under the key prefix; nothing there is no error. */
  remove(location: ExportLocation, keyPrefix: string): Promise<void>;
}

/** The location a company's exports must be kept at, from its residency placement. */
export interface ExportPlacement {
  locationFor(auth: AuthContext): Promise<ExportLocation>;
}

export const EXPORT_STORE = Symbol('EXPORT_STORE');
export const EXPORT_PLACEMENT = Symbol('EXPORT_PLACEMENT');

/** Every export at one location: for tools and benchmarks that run without a policy service. */
export function fixedExportPlacement(location: ExportLocation): ExportPlacement {
  return { locationFor: () => Promise.resolve(location) };
}

/**
 * The folder of a request's parts within a location, and of one part within that. A part's
 * entity becomes a folder name here, so this is where a name no data map could declare is
 * refused, whichever path a part comes by.
 */
export const exportKeys = {
  request: (companyId: string, requestId: string) => `${companyId}/${requestId}`,
  part: (companyId: string, requestId: string, part: ExportPartName) => {
    assertExportEntity(part.entity);

    return `${companyId}/${requestId}/${part.taskId}/${part.entity}/${part.sequence}.sealed`;
  },
};

export interface ExportPartName {
  taskId: string;
  entity: string;
  sequence: number;
}
