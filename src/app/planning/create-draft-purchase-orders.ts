import { dateOf } from '../../domain/dates.js';
import type { Store } from '../ports.js';
import { insertDraft } from '../purchasing/create-purchase-order.js';
import type { PurchaseOrderRecord } from '../purchasing/ports.js';
import { purchaseOrderView, type PurchaseOrderView } from '../purchasing/purchase-order-view.js';
import { resolveSupplier } from '../purchasing/resolve-supplier.js';
import { fail, invalid, ok, Rollback, type Result } from '../result.js';
import { checkKnownFields, checkSku, checkText, firstFailure, isRecord } from '../validate.js';
import { parsePlanningSettings, SETTING_FIELDS } from './planning-settings.js';
import type { PlanningFact } from './ports.js';
import { planFor, type PlannedQuantities } from './replenishment-view.js';
import { draftable } from './draftable.js';
import { runForecasts } from './run-forecasts.js';

export interface DraftPurchaseOrders {
  /** The drafts made: one per preferred supplier, by supplier code. */
  readonly items: readonly PurchaseOrderView[];
  /** Items with something to order that got no line, and why. */
  readonly skipped: readonly { readonly sku: string; readonly suggestedQuantity: number; readonly reason: string }[];
  /**
   * Items planned without a forecast (as if nobody asked for them): only waiting customers are
   * ordered for. Items named in `skus` are forecast first, as `GET /replenishment/{sku}` does.
   */
  readonly withoutForecast: number;
}

/**
 * Turns replenishment suggestions into draft purchase orders (SPEC §7): one draft per preferred
 * supplier holding every item it supplies that needs an order, each line the suggested quantity
 * (whole packs, at least the MOQ of that link; for a discontinued item only the units its
 * customers wait for), its cost and expected date from the link; an item already on a draft gets
 * only what its drafts leave short (restBeyondDrafts), on a new draft whose reference says so
 * ("… (the rest)"). The rule is `draftable`, shared with the suggestions list. Items without a preferred supplier,
 * covered by their drafts, or needing more than a purchase order line may hold (MAX_QUANTITY), are
 * reported, not ordered. One transaction; the items are locked and
 * planned again on what is read under the lock, so two requests cannot draft the same suggestion
 * twice, nor draft units a purchase order sent meanwhile already brings.
 */
export async function createDraftPurchaseOrders(store: Store, input: unknown, actor: string): Promise<Result<DraftPurchaseOrders>> {
  if (!isRecord(input)) return invalid('body', 'must be an object');
  const { skus, reference, ...settingsInput } = input;
  const failure = firstFailure(
    checkKnownFields('', input, ['skus', 'reference', ...SETTING_FIELDS]),
    skus !== undefined && (!Array.isArray(skus) || skus.length === 0) ? invalid('skus', 'must be a non-empty list of skus') : null,
    ...(Array.isArray(skus) ? skus.map((sku: unknown, index) => checkSku(`skus[${index}]`, sku)) : []),
    reference !== undefined && reference !== null ? checkText('reference', reference, { max: 100 }) : null,
  );
  if (failure) return failure;
  const settings = parsePlanningSettings(settingsInput);
  if (!settings.ok) return settings;
  const wanted = skus as string[] | undefined;
  // Named items without a forecast yet are forecast first, so drafting one matches its plan.
  if (wanted !== undefined) {
    const unforecast = await store.read(async (tx) => {
      const items = await tx.findItems(wanted);
      const forecast = new Set((await tx.planning.forecastsOf(items.map((i) => i.id))).map((f) => f.itemId));
      // A discontinued item is ordered for its waiting customers only, which needs no forecast.
      return items.filter((i) => !forecast.has(i.id) && !i.discontinued).map((i) => i.sku);
    });
    if (unforecast.length > 0) {
      const run = await runForecasts(store, { skus: unforecast, reviewDays: settings.value.reviewPeriodDays });
      if (!run.ok) return run;
    }
  }

  return store.transaction(async (tx) => {
    const today = dateOf(new Date(tx.now));
    let itemIds: number[] | undefined;
    if (wanted !== undefined) {
      const items = await tx.findItems(wanted);
      const missing = wanted.findIndex((sku) => !items.some((i) => i.sku === sku));
      if (missing >= 0) return invalid(`skus[${missing}]`, `no item with sku ${wanted[missing]}`);
      itemIds = items.map((i) => i.id);
    }
    // Discontinued items too, named or not: planFor orders them for their waiting customers only.
    const candidates = await tx.planning.planningFacts(itemIds === undefined ? {} : { itemIds });
    const forecasts = new Map((await tx.planning.forecastsOf(candidates.map((f) => f.itemId))).map((f) => [f.itemId, f] as const));
    const withoutForecast = candidates.filter((fact) => !fact.discontinued && !forecasts.has(fact.itemId)).length;
    const planned = (fact: PlanningFact): PlannedQuantities => {
      const plan = planFor(fact, forecasts.get(fact.itemId) ?? null, settings.value, today);
      if (!plan.ok) throw new Rollback(fail(plan.code, `${fact.sku}: ${plan.message}`, plan.details));
      return plan.value;
    };
    // The unlocked read only picks the items to lock; what they need is planned again once locked.
    const due = candidates.filter((fact) => planned(fact).suggestedQuantity > 0).map((fact) => fact.itemId);
    await tx.lockItems([...due].sort((a, b) => a - b));
    // On PostgreSQL another transaction may have sent a purchase order, received stock or drafted
    // since the first read: planning the first read's quantities would order the same units twice.
    const facts = await tx.planning.planningFacts({ itemIds: due });
    const skipped: { sku: string; suggestedQuantity: number; reason: string }[] = [];
    const bySupplier = new Map<string, { fact: PlanningFact; quantity: number; topUp: boolean }[]>();
    for (const fact of facts) {
      const plan = planned(fact);
      if (plan.suggestedQuantity <= 0) continue;
      // Units already on a draft are not ordered again; what the drafts leave short is.
      const quantity = draftable(fact, plan);
      if (!quantity.ok) skipped.push({ sku: fact.sku, suggestedQuantity: plan.suggestedQuantity, reason: quantity.reason });
      else bySupplier.set(quantity.supplier, [...(bySupplier.get(quantity.supplier) ?? []), { fact, quantity: quantity.units, topUp: fact.drafted > 0 }]);
    }
    const purchaseOrders: PurchaseOrderView[] = [];
    for (const code of [...bySupplier.keys()].sort()) {
      const supplier = await resolveSupplier(tx, code);
      if (!supplier.ok) throw new Rollback(supplier);
      const lines = (bySupplier.get(code) ?? []).sort((a, b) => (a.fact.sku < b.fact.sku ? -1 : 1)).map(({ fact, quantity }) => ({ sku: fact.sku, quantity }));
      // A draft beside earlier ones says so in its reference, so the buyer can tell them apart.
      const topUp = (bySupplier.get(code) ?? []).every((line) => line.topUp);
      const poId = await insertDraft(tx, supplier.value, { supplier: code, reference: (reference as string | null | undefined) ?? `restock plan ${today}${topUp ? ' (the rest)' : ''}`, lines }, actor);
      if (!poId.ok) throw new Rollback(poId);
      purchaseOrders.push(purchaseOrderView((await tx.purchasing.findPurchaseOrder(poId.value)) as PurchaseOrderRecord));
    }
    return ok({ items: purchaseOrders, skipped: skipped.sort((a, b) => (a.sku < b.sku ? -1 : 1)), withoutForecast });
  });
}
