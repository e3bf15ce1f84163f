/**
 * Does the planner overstock items whose demand does not change? Synthetic steady sellers
 * (Poisson demand at 0.2, 1, 5 and 25 units a day, seeded) get two years of history, the
 * product's weekly forecast and its default plan: order-up-to for a 95% fill rate, reviewed
 * weekly, lead time 14 days. The policy is then simulated over the next year of the same demand.
 * Prints, per rate, the fill rate reached and the average stock it took. Car parts (see
 * service-level-check.ts) are the other extreme: slow movers whose level really changes. No goal
 * is judged here; the figures are recorded in bench/RESULTS.md. The last line is JSON.
 */
import { computeForecast } from '../src/app/planning/forecast-job.js';
import { planItem } from '../src/app/planning/plan-item.js';
import { DEFAULT_PLANNING_SETTINGS } from '../src/app/planning/planning-settings.js';
import { simulatePolicy } from '../src/domain/simulate/index.js';

const RATES = [0.2, 1, 5, 25] as const;
const ITEMS_PER_RATE = 150;
const HISTORY_WEEKS = 104;
const LEAD_TIME_DAYS = 14;
const REVIEW_DAYS = 7;

let state = 20_261_127;
/** A seeded uniform in (0, 1): the same items on every run. */
function uniform(): number {
  state = (state * 1_664_525 + 1_013_904_223) % 4_294_967_296;
  return (state + 0.5) / 4_294_967_296;
}

/** A Poisson draw by inversion (means here are at most 25). */
function poisson(mean: number): number {
  const u = uniform();
  let k = 0;
  let pmf = Math.exp(-mean);
  let cdf = pmf;
  while (u > cdf && k < 10_000) {
    k++;
    pmf *= mean / k;
    cdf += pmf;
  }
  return k;
}

const rows = RATES.map((rate) => {
  let demand = 0;
  let served = 0;
  let onHand = 0;
  for (let item = 0; item < ITEMS_PER_RATE; item++) {
    const days = Array.from({ length: HISTORY_WEEKS * 7 }, () => poisson(rate));
    const weeks = Array.from({ length: HISTORY_WEEKS }, (_, w) => days.slice(w * 7, w * 7 + 7).reduce((a, b) => a + b, 0));
    const protectionSteps = Math.ceil((LEAD_TIME_DAYS + REVIEW_DAYS) / 7);
    const forecast = computeForecast({ itemId: item, series: weeks, horizon: 13, seasonLength: 52, protectionSteps, spreadWindow: 52 });
    const plan = planItem({
      forecast: { ...forecast, stepDays: 7, protectionDays: LEAD_TIME_DAYS + REVIEW_DAYS },
      stock: { onHand: 0, incoming: 0, allocated: 0, backordered: 0 },
      leadTimeDays: LEAD_TIME_DAYS,
      unitCost: 100,
      minimumOrderQuantity: 0,
      packSize: 1,
      settings: { ...DEFAULT_PLANNING_SETTINGS, reviewPeriodDays: REVIEW_DAYS },
    });
    if (!plan.ok) throw new Error(plan.message);
    const run = simulatePolicy({
      demand: { kind: 'series', values: Array.from({ length: 364 }, () => poisson(rate)) },
      leadTime: LEAD_TIME_DAYS,
      mode: 'backorder',
      policy: plan.value.simulationPolicy,
      recordTrajectory: false,
    });
    if (!run.ok) throw new Error(`${run.field}: ${run.message}`);
    demand += run.value.units.demand;
    served += run.value.units.servedFromStock;
    onHand += run.value.averageOnHand;
  }
  return { rate, fillRate: served / demand, averageOnHand: onHand / ITEMS_PER_RATE, cycleDemand: rate * (LEAD_TIME_DAYS + REVIEW_DAYS) };
});

console.log(`steady sellers: ${ITEMS_PER_RATE} items per rate, ${HISTORY_WEEKS} weeks of history, order-up-to for a 95% fill rate, review ${REVIEW_DAYS} days, lead time ${LEAD_TIME_DAYS} days`);
console.log('units/day   fill rate   avg on hand   demand over lead time + review');
for (const r of rows) console.log(`${String(r.rate).padStart(9)}   ${(100 * r.fillRate).toFixed(2).padStart(8)}%   ${r.averageOnHand.toFixed(1).padStart(11)}   ${r.cycleDemand.toFixed(1).padStart(30)}`);
console.log(JSON.stringify({ check: 'steady-sellers', target: 0.95, rates: rows.map((r) => ({ rate: r.rate, fillRate: Math.round(r.fillRate * 1e4) / 1e4, averageOnHand: Math.round(r.averageOnHand * 10) / 10 })) }));
