import { MigrationSet } from '@compliance/persistence';
import { Type } from '@nestjs/common';

/** What a process needs to host one service: its module and its schema's migrations. */
export interface ServiceDefinition {
  name: string;
  module: Type<unknown>;
  migrations: MigrationSet[];
}
