import { ServiceError } from '@compliance/contracts';
import { BlindIndexKind, CryptoError, FieldBinding, FieldEncryption } from '@compliance/crypto';
import { Inject, Injectable } from '@nestjs/common';

import { DsrRequestRow, StoredIdentifier } from '../requests/dsr-request.row';
import { DSR_ENCRYPTION } from './dsr-encryption.provider';

export interface SubjectIdentifier {
  kind: StoredIdentifier['kind'];
  value: string;
}

/** Who a request is about and what to rectify, opened only to send to connectors. */
export interface DsrSubject {
  identifiers: SubjectIdentifier[];
  changes?: Record<string, string>;
}

const INDEX_KIND: Record<SubjectIdentifier['kind'], BlindIndexKind> = {
  email: 'email',
  phone: 'phone',
  external_id: 'text',
};

/**
 * Seals a request's identifiers and rectified values to the request (company, table,
 * field and request id), and computes the identifiers' blind indexes, prefixed with
 * their kind so an external id never matches an e-mail address.
 */
@Injectable()
export class DsrSubjectCipher {
  constructor(@Inject(DSR_ENCRYPTION) private readonly encryption: FieldEncryption) {}

  async sealIdentifiers(
    companyId: string,
    requestId: string,
    identifiers: (SubjectIdentifier & { verification: StoredIdentifier['verification'] })[],
  ): Promise<StoredIdentifier[]> {
    return Promise.all(
      identifiers.map(async (identifier, index) => ({
        kind: identifier.kind,
        sealed: await this.encryption.encrypt(
          identifier.value,
          binding(companyId, requestId, `identifiers.${index}`),
        ),
        masked: maskIdentifier(identifier.value),
        verification: identifier.verification,
      })),
    );
  }

  async indexes(companyId: string, identifiers: SubjectIdentifier[]): Promise<string[]> {
    const indexes = await Promise.all(
      identifiers.map(async ({ kind, value }, position) => {
        try {
          return `${kind}:${await this.encryption.blindIndex(INDEX_KIND[kind], value, companyId)}`;
        } catch (error) {
          throw atIdentifier(error, position);
        }
      }),
    );

    return [...new Set(indexes)].sort();
  }

  async sealChanges(
    companyId: string,
    requestId: string,
    changes: Record<string, string> | undefined,
  ): Promise<string | null> {
    return changes
      ? this.encryption.encrypt(JSON.stringify(changes), binding(companyId, requestId, 'changes'))
      : null;
  }

  /** The request's subject in clear; rows from before sealing hold clear values already. */
  async open(row: DsrRequestRow): Promise<DsrSubject> {
    const identifiers = await Promise.all(
      row.identifiers.map(async (identifier, index) => ({
        kind: identifier.kind,
        value:
          identifier.sealed !== undefined
            ? await this.encryption.decrypt(
                identifier.sealed,
                binding(row.company_id, row.id, `identifiers.${index}`),
              )
            : (identifier.value ?? ''),
      })),
    );
    const changes = row.changes_sealed
      ? (JSON.parse(
          await this.encryption.decrypt(
            row.changes_sealed,
            binding(row.company_id, row.id, 'changes'),
          ),
        ) as Record<string, string>)
      : (row.changes ?? undefined);

    return { identifiers, changes };
  }
}

function binding(companyId: string, requestId: string, field: string): FieldBinding {
  return { companyId, entity: 'dsr.requests', field, recordId: requestId };
}

/** Enough for a person to recognise their own identifier, never enough to learn it. */
export function maskIdentifier(value: string): string {
  return value.length <= 2 ? '**' : `${value.slice(0, 1)}***${value.slice(-1)}`;
}

/**
 * A value the blind index cannot normalise (a phone number that is not one) as a 400 that
 * says which identifier; the message is the index's own, which never quotes the value.
 */
function atIdentifier(error: unknown, position: number): unknown {
  if (!(error instanceof CryptoError) || error.reason !== 'invalid_input') {
    return error;
  }

  return ServiceError.badRequest('an identifier is not valid', [
    { path: `identifiers.${position}.value`, message: error.message },
  ]);
}
