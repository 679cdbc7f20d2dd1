import { PII_CATEGORIES } from '@compliance/contracts';
import { z } from 'zod';

/** Names that end up in SQL: schema-qualified tables and plain columns, nothing else. */
const identifier = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a lowercase SQL identifier');

/**
 * An entity's name: an identifier too, since other services take it as given (an export
 * keeps each entity's records in a folder of that name).
 */
export const entityNameSchema = identifier;

const tableName = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}\.[a-z_][a-z0-9_]{0,62}$/, 'schema.table in lowercase');

export { PII_CATEGORIES };

export const piiFieldSchema = z
  .object({
    column: identifier,
    category: z.enum(PII_CATEGORIES),
    /** How the field is erased when its record is kept: emptied, or replaced by a pseudonym. */
    erasure: z.enum(['null', 'pseudonymize']).default('null'),
  })
  .strict();

export const subjectIdentifierSchema = z
  .object({
    kind: z.enum(['email', 'phone', 'external_id']),
    column: identifier,
    /** The column holds a blind index of the value rather than the value itself. */
    blindIndexed: z.boolean().default(false),
  })
  .strict();

export const relationSchema = z
  .object({
    /** This entity's column that points at the parent's primary key. */
    column: identifier,
    references: identifier,
  })
  .strict();

export const entitySchema = z
  .object({
    name: entityNameSchema,
    table: tableName,
    primaryKey: identifier.default('id'),
    companyColumn: identifier.default('company_id'),
    subjectIdentifiers: z.array(subjectIdentifierSchema).default([]),
    piiFields: z.array(piiFieldSchema).default([]),
    /**
     * `delete` removes the record on erasure; `retain` keeps it (a law requires it, such
     * as an invoice) and erases its personal fields only.
     */
    erasure: z.enum(['delete', 'retain']).default('delete'),
    relations: z.array(relationSchema).default([]),
    timestamps: z
      .array(z.object({ column: identifier, purpose: z.enum(['created', 'updated', 'activity']) }))
      .default([]),
  })
  .strict();

export const dataMapSchema = z
  .object({
    /** The CRM module that owns these records. */
    module: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/),
    entities: z.array(entitySchema).min(1),
  })
  .strict();

export type DataMapInput = z.input<typeof dataMapSchema>;
export type DataMap = z.infer<typeof dataMapSchema>;
export type EntityMap = z.infer<typeof entitySchema>;
export type SubjectIdentifierKind = z.infer<typeof subjectIdentifierSchema>['kind'];
