import { DataSource, EntitySchema } from 'typeorm';

import { DatabaseEndpoint, typeormConnectionOptions } from './database-endpoint';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityTarget = Function | EntitySchema;

export interface DataSourceOptions {
  endpoint: DatabaseEndpoint;
  entities: EntityTarget[];
  poolSize: number;
  applicationName: string;
}

/** A pool for one service. Schema changes come from migrations only, never `synchronize`. */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    ...typeormConnectionOptions(options.endpoint),
    applicationName: options.applicationName,
    entities: options.entities,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: options.poolSize },
  });

  return dataSource.initialize();
}
