import { NextFunction, Request, Response } from 'express';
import { Histogram, register } from 'prom-client';

const httpDuration =
  (register.getSingleMetric('http_request_duration_seconds') as Histogram<string>) ??
  new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });

/**
 * Labels by route template, not by URL, so ids in paths do not explode the series.
 * Requests that match no route share one label.
 */
export function httpMetricsMiddleware(request: Request, response: Response, next: NextFunction) {
  const stop = httpDuration.startTimer();

  response.on('finish', () => {
    const route = (request.route as { path?: string } | undefined)?.path;
    stop({
      method: request.method,
      route: route ? `${request.baseUrl}${route}` : 'unmatched',
      status: String(response.statusCode),
    });
  });

  next();
}
