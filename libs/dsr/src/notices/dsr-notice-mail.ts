import { MailMessage } from '@compliance/mail';

export type DeadlineNotice = 'due_in_7_days' | 'due_in_3_days' | 'due_in_1_day' | 'overdue';

const WITHIN: Record<Exclude<DeadlineNotice, 'overdue'>, string> = {
  due_in_7_days: '7 days',
  due_in_3_days: '3 days',
  due_in_1_day: '1 day',
};

/**
 * The notice to the company's DSR contact. The request id and the due date only: the
 * subject's identifiers stay in the service, where the request can be opened by id.
 */
export function deadlineMail(
  to: string,
  facts: { requestId: string; notice: DeadlineNotice; dueAt: Date },
): MailMessage {
  const due = facts.dueAt.toISOString();

  if (facts.notice === 'overdue') {
    return {
      to,
      subject: `Data subject request ${facts.requestId} is overdue`,
      text:
        `The data subject request ${facts.requestId} was due at ${due} and is still open.\n` +
        'Answer it, or record why it cannot be answered, without further delay.\n',
    };
  }

  return {
    to,
    subject: `Data subject request ${facts.requestId} is due in ${WITHIN[facts.notice]}`,
    text:
      `The data subject request ${facts.requestId} is due at ${due}.\n` +
      'Answer it before then, or extend its deadline while the law allows.\n',
  };
}

/** What the subject is told of an extension: the new due date and the reason (GDPR 12(3)). */
export function extensionMail(
  to: string[],
  facts: { requestId: string; dueAt: Date; reason: string },
): MailMessage {
  return {
    to: to.join(', '),
    subject: 'The deadline of your data protection request is extended',
    text:
      `Your request (reference ${facts.requestId}) will be answered by ` +
      `${facts.dueAt.toISOString()}.\n` +
      `The deadline was extended for this reason: ${facts.reason}\n`,
  };
}
