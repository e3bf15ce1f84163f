import { supplierScorecard as score, type Scorecard } from '../../domain/scorecard.js';
import type { Store } from '../ports.js';
import { invalid, ok, type Result } from '../result.js';
import { checkSku, firstFailure } from '../validate.js';
import { checkDate } from './new-lines.js';
import type { ScorecardFacts, ScorecardPeriod, Supplier } from './ports.js';
import { resolveSupplier } from './resolve-supplier.js';

export interface SupplierScorecardView extends Scorecard {
  readonly supplier: string;
  readonly name: string;
  readonly since: string | null;
  readonly until: string | null;
}

/**
 * A supplier's scorecard from its receipts (SPEC §5): on-time rate against the dates promised
 * when orders were sent, actual lead time (mean, spread) per delivery, and fill rate of closed
 * lines. The period (`since`, `until`, inclusive days) bounds the receipts and closing dates.
 */
export async function supplierScorecard(store: Store, code: string, period: ScorecardPeriod = {}): Promise<Result<SupplierScorecardView>> {
  const failure = firstFailure(checkSku('supplier', code), checkPeriod(period));
  if (failure) return failure;
  return store.read(async (tx) => {
    const supplier = await resolveSupplier(tx, code);
    if (!supplier.ok) return supplier;
    const facts = await tx.purchasing.scorecardFacts(period, supplier.value.id);
    return ok(scored(supplier.value, period, facts.get(supplier.value.id)));
  });
}

/** Scorecards of every supplier over the same period, by supplier code. */
export async function supplierScorecards(store: Store, period: ScorecardPeriod = {}): Promise<Result<SupplierScorecardView[]>> {
  const failure = checkPeriod(period);
  if (failure) return failure;
  return store.read(async (tx) => {
    const facts = await tx.purchasing.scorecardFacts(period);
    return ok((await tx.purchasing.listSuppliers()).map((supplier) => scored(supplier, period, facts.get(supplier.id))));
  });
}

function scored(supplier: Supplier, period: ScorecardPeriod, facts: ScorecardFacts = { receipts: [], closedLines: [] }): SupplierScorecardView {
  return {
    supplier: supplier.code,
    name: supplier.name,
    since: period.since ?? null,
    until: period.until ?? null,
    ...score(facts.receipts, facts.closedLines),
  };
}

function checkPeriod(period: ScorecardPeriod) {
  return firstFailure(
    period.since !== undefined ? checkDate('since', period.since) : null,
    period.until !== undefined ? checkDate('until', period.until) : null,
    period.since !== undefined && period.until !== undefined && period.since > period.until ? invalid('until', 'must not precede since') : null,
  );
}
