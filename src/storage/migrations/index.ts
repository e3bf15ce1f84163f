import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { DialectName } from '../dialect-name.js';
import * as core from './0001-core.js';
import * as purchasing from './0002-purchasing.js';
import * as apiKeys from './0003-api-keys.js';
import * as communication from './0004-communication.js';
import * as placementFacts from './0006-placement-facts.js';
import * as planning from './0007-planning.js';
import * as auditLog from './0008-audit-log.js';
import * as leanHotIndexes from './0009-lean-hot-indexes.js';
import * as locationFacts from './0010-location-facts.js';
import * as wideDailyTotals from './0011-wide-daily-totals.js';
import * as subscriptionRestocks from './0012-subscription-restocks.js';
import * as backorderCancellations from './0013-backorder-cancellations.js';
import * as endpointFailingSince from './0014-endpoint-failing-since.js';
import * as promiseMadeOn from './0015-promise-made-on.js';
import * as leadTimeDates from './0016-lead-time-dates.js';
import * as rejectedExternalIds from './0017-rejected-external-ids.js';
import * as rejectedExternalIdIndex from './0018-rejected-external-id-index.js';
import * as requestOutcomes from './0019-request-outcomes.js';
import * as firstEtaIndex from './0020-first-eta-index.js';
import * as planningRunSettings from './0021-planning-run-settings.js';
import * as unpromisedLines from './0022-unpromised-lines.js';
import * as pendingDeliveriesByTarget from './0023-pending-deliveries-by-target.js';
import * as lineDatesMailed from './0024-line-dates-mailed.js';
import * as purchaseLineRepairs from './0025-purchase-line-repairs.js';
import * as supersededRejections from './0026-superseded-rejections.js';
import * as allocationsByLocation from './0027-allocations-by-location.js';
import * as orderListFilters from './0028-order-list-filters.js';

type DialectMigration = { up(db: Kysely<unknown>, dialect: DialectName): Promise<void> };

const ALL: Record<string, DialectMigration> = {
  '0001-core': core,
  '0002-purchasing': purchasing,
  '0003-api-keys': apiKeys,
  '0004-communication': communication,
  '0006-placement-facts': placementFacts,
  '0007-planning': planning,
  '0008-audit-log': auditLog,
  '0009-lean-hot-indexes': leanHotIndexes,
  '0010-location-facts': locationFacts,
  '0011-wide-daily-totals': wideDailyTotals,
  '0012-subscription-restocks': subscriptionRestocks,
  '0013-backorder-cancellations': backorderCancellations,
  '0014-endpoint-failing-since': endpointFailingSince,
  '0015-promise-made-on': promiseMadeOn,
  '0016-lead-time-dates': leadTimeDates,
  '0017-rejected-external-ids': rejectedExternalIds,
  '0018-rejected-external-id-index': rejectedExternalIdIndex,
  '0019-request-outcomes': requestOutcomes,
  '0020-first-eta-index': firstEtaIndex,
  '0021-planning-run-settings': planningRunSettings,
  '0022-unpromised-lines': unpromisedLines,
  '0023-pending-deliveries-by-target': pendingDeliveriesByTarget,
  '0024-line-dates-mailed': lineDatesMailed,
  '0025-purchase-line-repairs': purchaseLineRepairs,
  '0026-superseded-rejections': supersededRejections,
  '0027-allocations-by-location': allocationsByLocation,
  '0028-order-list-filters': orderListFilters,
};

/** Versioned migrations, compiled into the package so they run wherever the code runs. */
export function migrationProvider(dialect: DialectName): MigrationProvider {
  return {
    async getMigrations() {
      const migrations: Record<string, Migration> = {};
      for (const [name, migration] of Object.entries(ALL)) {
        migrations[name] = { up: (db) => migration.up(db, dialect) };
      }
      return migrations;
    },
  };
}
