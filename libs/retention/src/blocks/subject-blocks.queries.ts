export const OPEN_BLOCK = `
  INSERT INTO retention.subject_blocks (company_id, subject_kind, subject_value, reason, source_id)
  VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (company_id, reason, source_id, subject_kind, subject_value)
  DO UPDATE SET closed_at = NULL`;

export const CLOSE_BLOCKS = `
  UPDATE retention.subject_blocks SET closed_at = now()
  WHERE company_id = $1 AND reason = $2 AND source_id = $3 AND closed_at IS NULL`;
