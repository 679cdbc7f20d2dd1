import { AppConfig } from '@compliance/config';

/** What a person starting the platform for the first time needs to see, in plain text. */
export function startupBanner(config: AppConfig, databaseDescription: string): string {
  const base = `http://${displayHost(config.http.host)}:${config.http.port}`;

  return [
    '',
    'CRM compliance platform is running.',
    `  API:      ${base}/api/compliance/`,
    `  Docs:     ${base}/docs  (OpenAPI JSON at ${base}/docs-json)`,
    `  Health:   ${base}/health/ready`,
    `  Database: ${databaseDescription}`,
    '',
    'Create an API key (shown once) in another terminal:',
    '  npm run cli -- api-key create --company-id <company uuid> --scopes admin',
    '',
    'Stop with Ctrl-C; data is kept for the next start.',
    '',
  ].join('\n');
}

function displayHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? 'localhost' : host;
}
