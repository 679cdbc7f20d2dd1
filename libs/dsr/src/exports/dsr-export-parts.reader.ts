import { FieldEncryption } from '@compliance/crypto';
import { Inject, Injectable } from '@nestjs/common';

import { DSR_ENCRYPTION } from '../encryption/dsr-encryption.provider';
import { EXPORT_STORE, ExportStore } from './store/export-store';

/** A stored part as the parts query answers it. */
export interface ExportPartRow {
  connector: string;
  entity: string;
  sequence: number;
  task_id: string;
  /** Parts from before the store kept their sealed text in the row. */
  sealed: string | null;
  object_key: string | null;
  region: string | null;
  storage_prefix: string | null;
}

/**
 * Opens one part of an export: read from the location it was placed at (or, for an older
 * part, from its row), then decrypted under the request's export key. The binding is the
 * one the part was sealed with, so a part moved to another request or entity will not open.
 */
@Injectable()
export class DsrExportPartsReader {
  constructor(
    @Inject(DSR_ENCRYPTION) private readonly encryption: Promise<FieldEncryption>,
    @Inject(EXPORT_STORE) private readonly store: ExportStore,
  ) {}

  async open(
    companyId: string,
    requestId: string,
    part: ExportPartRow,
  ): Promise<{ plaintext: string; records: Record<string, unknown>[] }> {
    const sealed = await this.sealedText(part);
    const encryption = await this.encryption;
    const plaintext = await encryption.decrypt(sealed, exportBinding(companyId, requestId, part));

    return { plaintext, records: JSON.parse(plaintext) as Record<string, unknown>[] };
  }

  private async sealedText(part: ExportPartRow): Promise<string> {
    if (part.object_key === null) {
      return part.sealed ?? '';
    }

    const location = { region: part.region ?? '', prefix: part.storage_prefix };
    return (await this.store.read(location, part.object_key)).toString('utf8');
  }
}

/** What ties a sealed part to its company, request, connector, entity and place in order. */
export function exportBinding(
  companyId: string,
  requestId: string,
  part: { connector: string; entity: string; task_id: string; sequence: number },
) {
  return {
    companyId,
    entity: 'dsr.export',
    field: `${part.connector}.${part.entity}`,
    recordId: `${part.task_id}:${part.sequence}`,
    subjectId: `dsr-export:${requestId}`,
  };
}
