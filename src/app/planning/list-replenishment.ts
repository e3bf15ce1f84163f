import { dateOf } from '../../domain/dates.js';
import type { Store } from '../ports.js';
import { invalid, ok, type Result } from '../result.js';
import { decodeCursor, encodeCursor } from '../pagination.js';
import { checkInteger, firstFailure } from '../validate.js';
import { parsePlanningSettings, type PlanningSettings } from './planning-settings.js';
import { draftable } from './draftable.js';
import { byUrgency, compareUrgency, planFor, restBeyondDrafts, replenishmentView, urgencyRank, type ReplenishmentView, type UrgencyRank } from './replenishment-view.js';
import { yieldToEventLoop } from './yield-to-event-loop.js';

export interface ReplenishmentQuery {
  /** Planning settings over the defaults (see planning-settings.ts). */
  readonly settings?: unknown;
  /** Every item that is not discontinued, not only those with something to order (a discontinued item is listed only while its waiting customers need an order). */
  readonly all?: boolean | undefined;
  readonly limit?: number | undefined;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string | undefined;
  /** Told how many items are planned so far, of how many (for a progress bar). */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface ReplenishmentList {
  readonly settings: PlanningSettings;
  /** Most urgent first (soonest stockout at forecast demand). */
  readonly items: readonly ReplenishmentView[];
  /** Items that need an order (or all items not discontinued with `all`), before the limit. */
  readonly total: number;
  /**
   * The next page, or null. The list is ranked afresh on every request and a page starts after the
   * previous page's last item in that ranking: only an item whose own urgency changed in between
   * can be seen twice or missed.
   */
  readonly nextCursor: string | null;
  /**
   * Of `total`, items whose draft purchase orders hold all they need: still listed, since a draft
   * is not supply until it is sent, but not drafted again (send the drafts).
   */
  readonly onDrafts: number;
  /** Of `total`, items on drafts that fall short: drafting orders the rest (createDraftPurchaseOrders). */
  readonly draftsShort: number;
  /** Items not discontinued planned without a forecast (as if nothing were asked for): run `restock forecast --all` or wait for the nightly run. */
  readonly withoutForecast: number;
  /** Items that could not be planned under these settings, with the reason. */
  readonly problems: readonly { readonly sku: string; readonly field: string | null; readonly message: string }[];
}

export const DEFAULT_SUGGESTIONS = 100;
const YIELD_EVERY = 100;
export const MAX_SUGGESTIONS = 100_000;

/**
 * A cursor is the rank of the last item shown (see urgencyRank): the next page starts after it, so
 * items whose urgency did not change in between are neither repeated nor skipped, whatever moved
 * elsewhere in the ranking.
 */
function isUrgencyRank(value: unknown): value is UrgencyRank {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { days, sku } = value as Record<string, unknown>;
  return (days === null || (typeof days === 'number' && Number.isFinite(days))) && typeof sku === 'string' && Object.keys(value).length === 2;
}

/**
 * Replenishment suggestions (SPEC §7): every item planned from its stored forecast and current
 * stock position, those with something to order (all but discontinued ones with nothing to order
 * with `all`), most urgent first. A discontinued item is planned for its waiting customers only
 * (see planFor), so they are not left out of the plan. Read-only: nothing is ordered until drafts are made (see create-draft-purchase-orders.ts).
 */
export async function listReplenishment(store: Store, query: ReplenishmentQuery = {}): Promise<Result<ReplenishmentList>> {
  const settings = parsePlanningSettings(query.settings);
  if (!settings.ok) return settings;
  const failure = firstFailure(
    query.limit !== undefined ? checkInteger('limit', query.limit, 1, MAX_SUGGESTIONS) : null,
    query.all !== undefined && typeof query.all !== 'boolean' ? invalid('all', 'must be true or false') : null,
  );
  if (failure) return failure;
  const cursor = decodeCursor(query.cursor, isUrgencyRank);
  if (!cursor.ok) return cursor;
  const start = cursor.value;
  return store.read(async (tx) => {
    const today = dateOf(new Date(tx.now));
    // Discontinued items too: customers still waiting for one must be ordered for.
    const facts = await tx.planning.planningFacts({});
    const forecasts = new Map((await tx.planning.forecastsOf(facts.map((f) => f.itemId))).map((f) => [f.itemId, f] as const));
    const views: ReplenishmentView[] = [];
    const problems: { sku: string; field: string | null; message: string }[] = [];
    let withoutForecast = 0;
    let onDrafts = 0;
    let draftsShort = 0;
    for (const [index, fact] of facts.entries()) {
      // Planning thousands of items is seconds of arithmetic: let other requests in between.
      if (index > 0 && index % YIELD_EVERY === 0) {
        query.onProgress?.(index, facts.length);
        await yieldToEventLoop();
      }
      const forecast = forecasts.get(fact.itemId) ?? null;
      // A discontinued item is planned without demand on purpose: it needs no forecast.
      if (forecast === null && !fact.discontinued) withoutForecast++;
      const plan = planFor(fact, forecast, settings.value, today);
      if (!plan.ok) {
        const field = (plan.details as { field?: string } | undefined)?.field ?? null;
        problems.push({ sku: fact.sku, field, message: plan.message });
        continue;
      }
      if (plan.value.suggestedQuantity > 0 && fact.drafted > 0) {
        // As drafting will see it: covered, or short and drafted on (not short but skipped, say
        // for want of a preferred supplier: those are neither).
        if (restBeyondDrafts(fact, plan.value) === 0) onDrafts++;
        else if (draftable(fact, plan.value).ok) draftsShort++;
      }
      if ((query.all === true && !fact.discontinued) || plan.value.suggestedQuantity > 0) views.push(replenishmentView(fact, forecast, plan.value, today));
    }
    query.onProgress?.(facts.length, facts.length);
    views.sort(byUrgency);
    const remaining = start === undefined ? views : views.filter((view) => compareUrgency(urgencyRank(view), start) > 0);
    const shown = remaining.slice(0, query.limit ?? DEFAULT_SUGGESTIONS);
    const last = shown[shown.length - 1];
    return ok({
      settings: settings.value, items: shown, total: views.length,
      nextCursor: remaining.length > shown.length && last !== undefined ? encodeCursor(urgencyRank(last)) : null,
      onDrafts, draftsShort, withoutForecast, problems,
    });
  });
}
