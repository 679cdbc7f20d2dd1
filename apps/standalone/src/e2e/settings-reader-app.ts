import { AppConfig } from '@compliance/config';
import { ImpactReport, RequestOf, transferImpact } from '@compliance/contracts';
import { requestResponder } from '@compliance/messaging';
import { CoreModule, openInfrastructure } from '@compliance/platform';
import {
  compilePolicy,
  EvaluationRequest,
  evaluatePolicies,
  PolicyDocument,
  validatePolicy,
} from '@compliance/policy-engine';
import { PolicySettingsCache, PolicySettingsModule } from '@compliance/policy-settings';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

export interface FixtureCase {
  key: string;
  request: EvaluationRequest;
}

export interface SettingsReader {
  settings: PolicySettingsCache;
  close(): Promise<void>;
}

/**
 * A second service in its own Nest app with its own NATS connection, as a data-owning CRM
 * module would run: it keeps the applied policies through `PolicySettingsModule` and, for
 * dry-runs, answers the transfer impact of the fixture cases it owns with the shared engine.
 *
 * Its impact report has one item per case and decision, `<case key>:<decision>`, counting
 * 1 under the policies in force (`current`) or the candidate (`candidate`); so a test can
 * read the predicted decision of every case back from a dry-run.
 */
export async function startSettingsReader(
  config: AppConfig,
  fixture: readonly FixtureCase[],
): Promise<SettingsReader> {
  const infrastructure = await openInfrastructure(config, {
    processName: 'e2e-settings-reader',
    requireNats: true,
  });

  @Module({
    imports: [
      CoreModule.forRoot({ config, bus: infrastructure.bus, endpoint: infrastructure.endpoint }),
      // Ten minutes: only the applied event, not expiry, can refresh it within a test.
      PolicySettingsModule.forService('e2e-settings-reader', 600_000),
    ],
  })
  class SettingsReaderModule {}

  const app = await NestFactory.createApplicationContext(SettingsReaderModule, { logger: false });
  await infrastructure.bus.serve(
    transferImpact.subject,
    requestResponder(transferImpact, async (payload) =>
      predictTransfers(payload as RequestOf<typeof transferImpact>, fixture),
    ),
  );

  return {
    settings: app.get(PolicySettingsCache),
    close: async () => {
      await app.close();
      await infrastructure.close();
    },
  };
}

function predictTransfers(
  request: RequestOf<typeof transferImpact>,
  fixture: readonly FixtureCase[],
): ImpactReport {
  const compile = (document: string) =>
    compilePolicy(validatePolicy(document).document as PolicyDocument);
  const current = request.active.map(compile);
  const candidate = [compile(request.candidate)];
  const now = new Date(request.now);
  const counts = new Map<string, { current: number; candidate: number }>();

  const count = (key: string, column: 'current' | 'candidate') => {
    const item = counts.get(key) ?? { current: 0, candidate: 0 };
    item[column] += 1;
    counts.set(key, item);
  };

  for (const { key, request: evaluation } of fixture) {
    count(`${key}:${evaluatePolicies(current, evaluation, now).decision}`, 'current');
    count(`${key}:${evaluatePolicies(candidate, evaluation, now).decision}`, 'candidate');
  }

  return {
    service: 'e2e-settings-reader',
    items: [...counts].map(([key, item]) => ({ key, ...item })),
  };
}
