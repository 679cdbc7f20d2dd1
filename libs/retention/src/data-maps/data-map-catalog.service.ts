import { DataMapError, EntityMap, RegisteredDataMap } from '@compliance/connector';
import { ServiceError } from '@compliance/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { RETENTION_DATA_SOURCE } from '../support/retention.tokens';
import { SELECT_ENTITY_OWNERS, SELECT_MAP_OF_ENTITY, UPSERT_DATA_MAP } from './data-maps.queries';

/** Schemas of the platform itself: no retention rule may ever purge their rows. */
const PLATFORM_SCHEMAS = [
  'access_review',
  'audit',
  'auth',
  'crypto',
  'dsr',
  'pg_catalog',
  'information_schema',
  'policy',
  'retention',
  'vault',
];

export interface EntityOwner {
  module: string;
  dataMap: RegisteredDataMap;
  entity: EntityMap;
}

/**
 * The data maps of the modules whose records retention purges. An entity name belongs to
 * one module, so a policy that names an entity names its owner too.
 */
@Injectable()
export class DataMapCatalog {
  constructor(@Inject(RETENTION_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async register(input: unknown): Promise<{ module: string; entities: string[] }> {
    const dataMap = registerOrReject(input);
    const reserved = dataMap.map.entities.filter((entity) =>
      PLATFORM_SCHEMAS.includes(entity.table.split('.')[0]),
    );

    if (reserved.length > 0) {
      throw ServiceError.badRequest("a data map cannot point at the platform's own tables", [
        { path: 'dataMap.entities', message: `${reserved[0].name} is in a platform schema` },
      ]);
    }
    const entities = dataMap.map.entities.map((entity) => entity.name);
    const owners: { module: string }[] = await this.dataSource.query(SELECT_ENTITY_OWNERS, [
      dataMap.map.module,
      entities,
    ]);

    if (owners.length > 0) {
      throw new ServiceError('conflict', 'an entity of this data map belongs to another module', [
        { path: 'dataMap.entities', message: `declared by ${owners[0].module}` },
      ]);
    }

    await this.dataSource.query(UPSERT_DATA_MAP, [dataMap.map.module, dataMap.map, entities]);
    return { module: dataMap.map.module, entities };
  }

  /**
   * The module owning an entity, or undefined when no registered map declares it. A caller
   * inside a transaction passes its manager, so the maps are read in its snapshot.
   */
  async ownerOf(
    entity: string,
    manager: Pick<EntityManager, 'query'> = this.dataSource.manager,
  ): Promise<EntityOwner | undefined> {
    const rows: { module: string; document: unknown }[] = await manager.query(
      SELECT_MAP_OF_ENTITY,
      [entity],
    );

    if (rows.length === 0) {
      return undefined;
    }

    const dataMap = RegisteredDataMap.register(rows[0].document);
    return { module: rows[0].module, dataMap, entity: dataMap.entity(entity) };
  }

  async require(entity: string): Promise<EntityOwner> {
    const owner = await this.ownerOf(entity);

    if (!owner) {
      throw ServiceError.badRequest('no registered data map declares this entity', [
        { path: 'entity', message: `unknown entity ${entity}` },
      ]);
    }

    return owner;
  }
}

function registerOrReject(input: unknown): RegisteredDataMap {
  try {
    return RegisteredDataMap.register(input);
  } catch (error) {
    if (error instanceof DataMapError) {
      throw ServiceError.badRequest(
        'the data map is invalid',
        error.problems.map((message) => ({ path: 'dataMap', message })),
      );
    }
    throw error;
  }
}
