import { appendRecordId, encodeBindingPrefix, FieldBinding } from './field-binding';

interface PrefixEntry {
  header: string;
  companyId: string;
  entity: string;
  field: string;
  bytes: Buffer;
}

interface FullEntry {
  prefix: PrefixEntry;
  recordId: string;
  bytes: Buffer;
}

/**
 * The associated data of the last binding, kept while the next one equals it field by field.
 * A page of rows shares the header, company, entity and field, and a value is often opened
 * right after it was sealed, so most calls reuse bytes instead of encoding them again.
 * Every field is compared on every call, so bytes are never reused for another binding.
 * The buffers it returns are only for `setAAD` and must not be changed or handed on.
 */
export class BindingAadCache {
  private prefix: PrefixEntry | undefined;
  private full: FullEntry | undefined;

  encode(header: string, binding: FieldBinding): Buffer {
    const prefix = this.prefixFor(header, binding);
    const full = this.full;

    if (full?.prefix === prefix && full.recordId === binding.recordId) {
      return full.bytes;
    }

    const bytes = appendRecordId(prefix.bytes, binding.recordId);
    this.full = { prefix, recordId: binding.recordId, bytes };

    return bytes;
  }

  private prefixFor(header: string, binding: FieldBinding): PrefixEntry {
    const known = this.prefix;

    if (
      known?.header === header &&
      known.companyId === binding.companyId &&
      known.entity === binding.entity &&
      known.field === binding.field
    ) {
      return known;
    }

    this.prefix = {
      header,
      companyId: binding.companyId,
      entity: binding.entity,
      field: binding.field,
      bytes: encodeBindingPrefix(header, binding),
    };

    return this.prefix;
  }
}
