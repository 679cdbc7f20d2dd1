export * from './data-map/data-map.error';
export * from './data-map/data-map.schema';
export * from './data-map/registered-data-map';
export * from './postgres/postgres-connector';
export * from './postgres/subject-records';
