import { RESIDENCY_REGIONS } from '@compliance/contracts';

import { DATA_CATEGORIES } from '../residency/data-categories';

/**
 * The one definition of the policy format. The validator checks documents against it, the
 * gateway serves it, and `schema/compliance-policy.schema.json` is this object written
 * out for editors (a test keeps the two equal).
 */
export const COMPLIANCE_POLICY_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://compliance.crm/schemas/compliance-policy.schema.json',
  title: 'CompliancePolicy',
  description:
    'A compliance policy for a CRM: retention, residency, encryption, access review ' +
    'and data subject requests.',
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  definitions: {
    enforcement: {
      type: 'string',
      enum: ['soft', 'hard'],
      description: 'soft: allow, warn and audit. hard: block and audit.',
    },
    duration: {
      type: 'string',
      pattern: '^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$',
      description: 'An ISO-8601 duration such as P3Y, P18M or P90D',
    },
    identifier: {
      type: 'string',
      pattern: '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$',
      minLength: 1,
      maxLength: 100,
    },
    fieldName: {
      type: 'string',
      pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
      maxLength: 100,
    },
    region: {
      type: 'string',
      enum: [...RESIDENCY_REGIONS],
    },
    entity: {
      type: 'string',
      enum: [
        'account',
        'activity',
        'attachment',
        'call',
        'contact',
        'deal',
        'email',
        'lead',
        'note',
        'opportunity',
        'task',
        'ticket',
        'user',
      ],
    },
    condition: {
      type: 'object',
      additionalProperties: false,
      required: ['field', 'operator'],
      properties: {
        field: {
          $ref: '#/definitions/fieldName',
        },
        operator: {
          type: 'string',
          enum: ['eq', 'ne', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte', 'exists', 'notExists'],
        },
        value: {
          type: ['string', 'number', 'boolean', 'array', 'null'],
          items: {
            type: ['string', 'number', 'boolean'],
          },
        },
      },
    },
    retentionRule: {
      type: 'object',
      additionalProperties: false,
      required: ['entity', 'period', 'dateField', 'method'],
      properties: {
        id: {
          $ref: '#/definitions/identifier',
        },
        entity: {
          $ref: '#/definitions/entity',
        },
        period: {
          $ref: '#/definitions/duration',
        },
        dateField: {
          $ref: '#/definitions/fieldName',
        },
        method: {
          type: 'string',
          enum: ['soft', 'hard', 'archive'],
        },
        softDeleteField: {
          $ref: '#/definitions/fieldName',
          description:
            'The column a soft rule sets to the time of deletion; required when method is soft',
        },
        enforcement: {
          $ref: '#/definitions/enforcement',
        },
        conditions: {
          type: 'array',
          items: {
            $ref: '#/definitions/condition',
          },
          maxItems: 20,
        },
      },
      if: {
        required: ['method'],
        properties: { method: { const: 'soft' } },
      },
      then: {
        required: ['softDeleteField'],
      },
    },
    legalHold: {
      type: 'object',
      additionalProperties: false,
      required: ['entity', 'minimumPeriod', 'reason'],
      properties: {
        entity: {
          $ref: '#/definitions/entity',
        },
        minimumPeriod: {
          $ref: '#/definitions/duration',
        },
        reason: {
          type: 'string',
          minLength: 1,
          maxLength: 500,
        },
      },
    },
    encryptedFields: {
      type: 'object',
      additionalProperties: false,
      required: ['entity', 'fields'],
      properties: {
        id: {
          $ref: '#/definitions/identifier',
        },
        entity: {
          $ref: '#/definitions/entity',
        },
        fields: {
          type: 'array',
          minItems: 1,
          items: {
            $ref: '#/definitions/fieldName',
          },
          uniqueItems: true,
        },
        enforcement: {
          $ref: '#/definitions/enforcement',
        },
      },
    },
    exception: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'rule', 'reason', 'approvedBy', 'expiresAt'],
      properties: {
        id: {
          $ref: '#/definitions/identifier',
        },
        rule: {
          type: 'string',
          minLength: 1,
          maxLength: 200,
          description: 'The id of the rule the exception suspends',
        },
        resource: {
          type: 'object',
          additionalProperties: false,
          required: ['entity'],
          properties: {
            entity: {
              $ref: '#/definitions/entity',
            },
            id: {
              type: 'string',
              minLength: 1,
              maxLength: 200,
            },
          },
        },
        conditions: {
          type: 'array',
          items: {
            $ref: '#/definitions/condition',
          },
          maxItems: 20,
        },
        reason: {
          type: 'string',
          minLength: 1,
          maxLength: 1000,
        },
        approvedBy: {
          type: 'string',
          minLength: 1,
          maxLength: 200,
        },
        expiresAt: {
          type: 'string',
          format: 'date-or-date-time',
          description: 'After this date the exception stops applying',
        },
      },
    },
  },
  properties: {
    apiVersion: {
      type: 'string',
      const: 'compliance.crm/v1',
    },
    kind: {
      type: 'string',
      const: 'CompliancePolicy',
    },
    metadata: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: {
          $ref: '#/definitions/identifier',
        },
        description: {
          type: 'string',
          maxLength: 2000,
        },
        frameworks: {
          type: 'array',
          minItems: 1,
          uniqueItems: true,
          items: {
            type: 'string',
            enum: ['GDPR', 'CCPA', 'SOC2', 'HIPAA'],
          },
        },
      },
    },
    spec: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enforcement: {
          $ref: '#/definitions/enforcement',
        },
        retention: {
          type: 'object',
          additionalProperties: false,
          properties: {
            enforcement: {
              $ref: '#/definitions/enforcement',
            },
            rules: {
              type: 'array',
              items: {
                $ref: '#/definitions/retentionRule',
              },
              maxItems: 5000,
            },
            legalHolds: {
              type: 'array',
              items: {
                $ref: '#/definitions/legalHold',
              },
            },
          },
        },
        residency: {
          type: 'object',
          additionalProperties: false,
          required: ['primaryRegion'],
          properties: {
            enforcement: {
              $ref: '#/definitions/enforcement',
            },
            primaryRegion: {
              $ref: '#/definitions/region',
            },
            replicationRegions: {
              type: 'array',
              items: {
                $ref: '#/definitions/region',
              },
              uniqueItems: true,
            },
            storagePrefixes: {
              type: 'object',
              propertyNames: {
                $ref: '#/definitions/region',
              },
              additionalProperties: {
                type: 'string',
                minLength: 1,
                maxLength: 500,
              },
            },
            blockCrossRegionTransfers: {
              type: 'boolean',
            },
            categories: {
              type: 'object',
              description:
                'Per data category, a placement of its own: its primary region, the regions ' +
                'it may be replicated to (none unless listed) and its storage prefix.',
              propertyNames: {
                type: 'string',
                enum: [...DATA_CATEGORIES],
              },
              additionalProperties: {
                type: 'object',
                additionalProperties: false,
                required: ['primaryRegion'],
                properties: {
                  primaryRegion: {
                    $ref: '#/definitions/region',
                  },
                  replicationRegions: {
                    type: 'array',
                    items: {
                      $ref: '#/definitions/region',
                    },
                    uniqueItems: true,
                  },
                  storagePrefix: {
                    type: 'string',
                    minLength: 1,
                    maxLength: 500,
                  },
                },
              },
            },
          },
        },
        encryption: {
          type: 'object',
          additionalProperties: false,
          properties: {
            enforcement: {
              $ref: '#/definitions/enforcement',
            },
            fields: {
              type: 'array',
              items: {
                $ref: '#/definitions/encryptedFields',
              },
            },
          },
        },
        accessReview: {
          type: 'object',
          additionalProperties: false,
          properties: {
            enforcement: {
              $ref: '#/definitions/enforcement',
            },
            cadence: {
              type: 'string',
              enum: ['monthly', 'quarterly', 'semiannual', 'annual'],
            },
            inactivityDays: {
              type: 'integer',
              minimum: 1,
              maximum: 3650,
            },
            reviewers: {
              type: 'array',
              items: {
                type: 'string',
                minLength: 1,
                maxLength: 200,
              },
            },
            autoRevoke: {
              type: 'boolean',
            },
          },
        },
        dsr: {
          type: 'object',
          additionalProperties: false,
          properties: {
            enforcement: {
              $ref: '#/definitions/enforcement',
            },
            deadlineDays: {
              type: 'integer',
              minimum: 1,
              maximum: 365,
            },
            extension: {
              type: 'object',
              additionalProperties: false,
              properties: {
                allowed: {
                  type: 'boolean',
                },
                maxDays: {
                  type: 'integer',
                  minimum: 1,
                  maximum: 365,
                },
                requiresReason: {
                  type: 'boolean',
                },
              },
            },
            identityVerificationRequired: {
              type: 'boolean',
            },
          },
        },
        exceptions: {
          type: 'array',
          items: {
            $ref: '#/definitions/exception',
          },
        },
      },
    },
  },
} as const;

export const REGIONS: readonly string[] = COMPLIANCE_POLICY_SCHEMA.definitions.region.enum;

export const ENTITIES: readonly string[] = COMPLIANCE_POLICY_SCHEMA.definitions.entity.enum;
