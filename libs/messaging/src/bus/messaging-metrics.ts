import { Counter, Histogram, register } from 'prom-client';

function counter(name: string, help: string): Counter<'subject'> {
  const existing = register.getSingleMetric(name);
  return (existing as Counter<'subject'>) ?? new Counter({ name, help, labelNames: ['subject'] });
}

/** Shared by every bus in the process; `/metrics` exposes the default registry. */
export const messagesHandled = counter(
  'compliance_messages_handled_total',
  'Messages handled successfully, by subject',
);

export const messagesFailed = counter(
  'compliance_messages_failed_total',
  'Messages whose handling failed or that broke their contract, by subject',
);

export const handlerDuration =
  (register.getSingleMetric('compliance_message_handler_seconds') as Histogram<'subject'>) ??
  new Histogram({
    name: 'compliance_message_handler_seconds',
    help: 'Time spent in message handlers, by subject',
    labelNames: ['subject'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
  });
