import { dateOf } from '../../domain/dates.js';
import type { Store } from '../ports.js';
import { resolveItem } from '../resolve.js';
import { ok, type Result } from '../result.js';
import { checkSku } from '../validate.js';
import { parsePlanningSettings } from './planning-settings.js';
import { planFor, replenishmentView, type ReplenishmentView } from './replenishment-view.js';
import { runForecasts, type ForecastComputer } from './run-forecasts.js';

/**
 * One item's replenishment plan with its explanation, from its stored forecast (forecast first,
 * in this thread, when it has none yet) and its current stock position; a discontinued item only for
 * the units its customers wait for (see planFor). A service level outside
 * (0, 1) or any other bad setting is a VALIDATION_FAILED naming the field.
 */
export async function getReplenishmentPlan(store: Store, sku: string, settingsInput?: unknown, compute?: ForecastComputer): Promise<Result<ReplenishmentView>> {
  const bad = checkSku('sku', sku);
  if (bad) return bad;
  const settings = parsePlanningSettings(settingsInput);
  if (!settings.ok) return settings;
  const known = await store.read(async (tx) => {
    const item = await resolveItem(tx, sku);
    if (!item.ok) return item;
    // A discontinued item is planned for its waiting customers only: it needs no forecast.
    return ok(item.value.discontinued || (await tx.planning.forecastsOf([item.value.id])).length > 0);
  });
  if (!known.ok) return known;
  if (!known.value) {
    const run = await runForecasts(store, { skus: [sku], compute, reviewDays: settings.value.reviewPeriodDays });
    if (!run.ok) return run;
  }
  return store.read(async (tx) => {
    const item = await resolveItem(tx, sku);
    if (!item.ok) return item;
    const [fact] = await tx.planning.planningFacts({ itemIds: [item.value.id] });
    const [forecast] = await tx.planning.forecastsOf([item.value.id]);
    if (!fact) throw new Error(`planning facts of ${sku} vanished`);
    const today = dateOf(new Date(tx.now));
    const plan = planFor(fact, forecast ?? null, settings.value, today);
    if (!plan.ok) return plan;
    return ok(replenishmentView(fact, forecast ?? null, plan.value, today));
  });
}
