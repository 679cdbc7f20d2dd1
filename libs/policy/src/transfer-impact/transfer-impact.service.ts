import { AuthContext, ImpactReport, ImpactRequest } from '@compliance/contracts';
import { dataSourceToken } from '@compliance/platform';
import {
  compileDocuments,
  CompiledPolicy,
  evaluatePolicies,
  impactDocumentSets,
} from '@compliance/policy-engine';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { ResidencyConfigEntity } from '../residency/residency-config.entity';
import { residencyAsPolicy } from '../residency/residency.mapper';
import { TRANSFER_CHECK_QUERIES, TransferRouteRow } from './transfer-checks.queries';

/**
 * How far back a dry-run replays the transfers other modules checked; older checks are
 * never read again, and the daily maintenance deletes them.
 */
export const TRANSFER_REPLAY_DAYS = 30;

const DAY_MS = 86_400_000;

type Tally = Map<string, { current: number; candidate: number }>;

/**
 * Replays the last 30 days of transfer checks under the policies in force and under the
 * candidate, with the evaluator the check itself uses, and counts what each would deny or
 * warn about: in total and per route (`denied-transfers:<category>:<from>:<to>`).
 */
@Injectable()
export class TransferImpactService {
  constructor(@Inject(dataSourceToken('policy')) private readonly dataSource: DataSource) {}

  async impact(request: ImpactRequest, auth: AuthContext): Promise<ImpactReport> {
    const now = new Date(request.now);
    const since = new Date(now.getTime() - TRANSFER_REPLAY_DAYS * DAY_MS);

    const routes = await this.dataSource.query<TransferRouteRow[]>(
      TRANSFER_CHECK_QUERIES.routesSince,
      [auth.companyId, since],
    );
    const config = await this.dataSource.manager.findOneBy(ResidencyConfigEntity, {
      companyId: auth.companyId,
    });

    const documents = impactDocumentSets(request);
    const current = compileDocuments(documents.current);
    const candidate = compileDocuments(documents.candidate);
    const [proposed] = compileDocuments([request.candidate]);
    const configured = config ? [residencyAsPolicy(config)] : [];
    // Applying a policy with a residency section overwrites the configuration with it.
    const sets = {
      current: [...configured, ...current],
      candidate: proposed.residency ? candidate : [...configured, ...candidate],
    };

    return { service: 'policy', items: tallyItems(tally(routes, sets, now)) };
  }
}

function tally(
  routes: TransferRouteRow[],
  sets: Record<'current' | 'candidate', CompiledPolicy[]>,
  now: Date,
): Tally {
  const counts: Tally = new Map([
    ['denied-transfers', { current: 0, candidate: 0 }],
    ['warned-transfers', { current: 0, candidate: 0 }],
  ]);

  for (const route of routes) {
    for (const column of ['current', 'candidate'] as const) {
      // TODO(record exceptions): the check keeps no resource id, so an exception granted to
      // one record cannot match in the replay; an exception for a whole category does.
      const { decision } = evaluatePolicies(
        sets[column],
        {
          action: 'data.transfer',
          resource: { entity: route.category },
          context: { fromRegion: route.from_region, toRegion: route.to_region },
        },
        now,
      );

      if (decision === 'allow') {
        continue;
      }

      const total = decision === 'deny' ? 'denied-transfers' : 'warned-transfers';
      const key = `${total}:${route.category}:${route.from_region}:${route.to_region}`;
      counts.get(total)![column] += route.checks;
      counts.set(key, counts.get(key) ?? { current: 0, candidate: 0 });
      counts.get(key)![column] += route.checks;
    }
  }

  return counts;
}

/** The two totals first, then the routes in a stable order. */
function tallyItems(counts: Tally): ImpactReport['items'] {
  const [denied, warned, ...routes] = [...counts].map(([key, item]) => ({ key, ...item }));

  return [denied, warned, ...routes.sort((a, b) => a.key.localeCompare(b.key))];
}
