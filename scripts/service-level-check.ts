/**
 * Does the planner deliver the fill rate it is asked for? On the car-parts data (Hyndman et al.
 * 2008; an empty month counts as 0) the last 12 months are held out. Each part gets the
 * product's forecast (automatic method choice by back-test on the history alone) and the
 * product's plan: a monthly order-up-to policy, lead time 1 month, review 1 month, for a 95% fill
 * rate. The policy is then simulated over the 12 held-out months in backorder mode, starting at
 * its level. Prints the aggregate unit fill rate (goal: within ±2 points of 95%) and the average
 * on-hand stock it took, for the forecast's own distribution (what Restock uses by default) and,
 * for comparison, the normal model with the back-tested error; the last line is JSON. Exits 1 when
 * the default model misses the band. `--target=0.9` checks another fill rate.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { computeForecast, type ForecastOutcome } from '../src/app/planning/forecast-job.js';
import { planItem } from '../src/app/planning/plan-item.js';
import { DEFAULT_PLANNING_SETTINGS, type LeadTimeModel } from '../src/app/planning/planning-settings.js';
import { simulatePolicy } from '../src/domain/simulate/index.js';

const HELD_OUT = 12;
const SEASON = 12;
const LEAD_TIME = 1;
const REVIEW = 1;
const TARGET = Number(process.argv.find((a) => a.startsWith('--target='))?.slice(9) ?? 0.95);
const BAND = 0.02;
const DATA = fileURLToPath(new URL('../../shared/data/carparts/carparts.csv', import.meta.url));

interface Outcome {
  readonly model: LeadTimeModel;
  readonly fillRate: number;
  readonly averageOnHand: number;
  readonly demand: number;
  readonly servedFromStock: number;
}

const rows = parse(readFileSync(process.argv.find((a) => a.endsWith('.csv')) ?? DATA, 'utf8'), { from_line: 2 }) as string[][];
const series = rows.map((row) => row.slice(1).map((cell) => (cell.trim() === '' ? 0 : Number(cell))));
const started = performance.now();
const forecasts = series.map((s, index) =>
  computeForecast({ itemId: index, series: s.slice(0, s.length - HELD_OUT), horizon: HELD_OUT, seasonLength: SEASON, protectionSteps: LEAD_TIME + REVIEW }),
);
const outcomes = (['quantiles', 'normal'] as const).map((model) => evaluate(model, forecasts));
const seconds = (performance.now() - started) / 1000;

console.log(`car parts: ${series.length} parts, ${(series[0]?.length ?? 0) - HELD_OUT} months of history, ${HELD_OUT} held out; order-up-to, lead time ${LEAD_TIME} month, review ${REVIEW} month, target fill rate ${pct(TARGET)}`);
console.log('lead-time model   fill rate   avg on hand per part   total avg on hand   demand   served from stock');
for (const o of outcomes) {
  console.log(`${o.model.padEnd(16)}  ${pct(o.fillRate).padStart(9)}   ${(o.averageOnHand / series.length).toFixed(3).padStart(20)}   ${o.averageOnHand.toFixed(0).padStart(17)}   ${String(o.demand).padStart(6)}   ${String(o.servedFromStock).padStart(17)}`);
}
const primary = outcomes[0] as Outcome;
const within = Math.abs(primary.fillRate - TARGET) <= BAND;
console.log(`${within ? 'within' : 'OUTSIDE'} the band ${pct(TARGET - BAND)}–${pct(TARGET + BAND)} (${seconds.toFixed(1)} s)`);
console.log(JSON.stringify({
  check: 'service-level',
  target: TARGET,
  band: BAND,
  parts: series.length,
  models: Object.fromEntries(outcomes.map((o) => [o.model, { fillRate: round(o.fillRate), averageOnHand: round(o.averageOnHand), averageOnHandPerPart: round(o.averageOnHand / series.length) }])),
  within,
}));
process.exitCode = within ? 0 : 1;

/** Plans every part with one lead-time model and simulates the held-out year; sums units over parts. */
function evaluate(model: LeadTimeModel, outcomesByPart: readonly ForecastOutcome[]): Outcome {
  let demand = 0;
  let servedFromStock = 0;
  let averageOnHand = 0;
  for (const [index, forecast] of outcomesByPart.entries()) {
    const plan = planItem({
      // Steps are months here: "days" below are months throughout.
      forecast: { ...forecast, stepDays: 1, protectionDays: LEAD_TIME + REVIEW },
      stock: { onHand: 0, incoming: 0, allocated: 0, backordered: 0 },
      leadTimeDays: LEAD_TIME,
      unitCost: 1,
      minimumOrderQuantity: 0,
      packSize: 1,
      settings: { ...DEFAULT_PLANNING_SETTINGS, service: { kind: 'fill-rate', target: TARGET }, policy: 'order-up-to', reviewPeriodDays: REVIEW, leadTimeModel: model },
    });
    if (!plan.ok) throw new Error(`part ${index}: ${plan.message}`);
    const actual = (series[index] ?? []).slice(-HELD_OUT);
    const run = simulatePolicy({
      demand: { kind: 'series', values: actual },
      leadTime: LEAD_TIME,
      mode: 'backorder',
      policy: plan.value.simulationPolicy,
      recordTrajectory: false,
    });
    if (!run.ok) throw new Error(`part ${index}: ${run.field} ${run.message}`);
    demand += run.value.units.demand;
    servedFromStock += run.value.units.servedFromStock;
    averageOnHand += run.value.averageOnHand;
  }
  return { model, fillRate: demand > 0 ? servedFromStock / demand : 1, averageOnHand, demand, servedFromStock };
}

function pct(x: number): string {
  return `${(100 * x).toFixed(2)}%`;
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
