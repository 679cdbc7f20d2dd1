/** A mail taken for sending more than this long ago is taken to have died with its sender. */
const LEASE = "interval '10 minutes'";

const TAKEABLE = `(m.status IN ('pending', 'failed')
  OR (m.status = 'sending' AND m.claimed_at < now() - ${LEASE}))`;

/** Every statement about notice mails and the company's contact address. */
export const dsrNoticeQueries = {
  /** In the transaction that raises the notice, so the notice row dedupes its mail too. */
  insertMail: `INSERT INTO dsr.notice_mails (company_id, request_id, kind) VALUES ($1, $2, $3)
    ON CONFLICT (request_id, kind) DO NOTHING RETURNING id`,
  /** One sender wins a mail; a second replica or a rerun finds it taken or finished. */
  claimMail: `UPDATE dsr.notice_mails m SET status = 'sending', attempts = m.attempts + 1,
      claimed_at = now()
    WHERE m.id = $1 AND ${TAKEABLE}
    RETURNING m.id, m.company_id, m.request_id, m.kind, m.attempts`,
  finishMail: `UPDATE dsr.notice_mails SET status = $2,
      sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE sent_at END
    WHERE id = $1`,
  /** Mails not yet gone out, while their request is still open. */
  unsentMails: `SELECT m.id FROM dsr.notice_mails m JOIN dsr.requests r ON r.id = m.request_id
    WHERE ${TAKEABLE} AND r.status IN ('received', 'verified', 'in_progress')
    ORDER BY m.created_at LIMIT 500`,
  markExtensionNotified: `UPDATE dsr.requests SET extension_notified_at = now()
    WHERE id = $1 AND company_id = $2`,
  contact: `SELECT email_sealed, email_masked, updated_at FROM dsr.notice_contacts
    WHERE company_id = $1`,
  upsertContact: `INSERT INTO dsr.notice_contacts (company_id, email_sealed, email_masked)
    VALUES ($1, $2, $3)
    ON CONFLICT (company_id) DO UPDATE SET email_sealed = EXCLUDED.email_sealed,
      email_masked = EXCLUDED.email_masked, updated_at = now()
    RETURNING email_masked, updated_at`,
  deleteContact: 'DELETE FROM dsr.notice_contacts WHERE company_id = $1',
};
