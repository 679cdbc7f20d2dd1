export const UPSERT_DATA_MAP = `
  INSERT INTO retention.data_maps (module, document, entities) VALUES ($1, $2, $3)
  ON CONFLICT (module) DO UPDATE
    SET document = EXCLUDED.document, entities = EXCLUDED.entities, registered_at = now()`;

/** Another module already declaring one of these entities: names must be unambiguous. */
export const SELECT_ENTITY_OWNERS = `
  SELECT module, entities FROM retention.data_maps WHERE module <> $1 AND entities && $2`;

export const SELECT_MAP_OF_ENTITY = `
  SELECT module, document FROM retention.data_maps WHERE $1 = ANY(entities)`;
