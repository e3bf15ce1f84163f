import { addDays, dateOf } from '../../domain/dates.js';
import { formatMoney, formatPrecise } from '../../domain/replenish/explain-plan.js';
import { comparePolicies, periodsOfDays, planningCosts, type DemandSpec, type SimulationCosts, type SimulationPolicy, type SimulationResult } from '../../domain/simulate/index.js';
import type { Store } from '../ports.js';
import { resolveItem } from '../resolve.js';
import { fail, invalid, ok, within, type Result } from '../result.js';
import { checkInteger, checkKnownFields, checkOneOf, checkSku, checkText, firstFailure, isRecord } from '../validate.js';
import { historyStartDay } from './history-start.js';
import { dailySeries } from './daily-series.js';
import { demandFromCsv, MAX_PERIODS } from './demand-csv.js';
import { parsePlanningSettings, type PlanningSettings } from './planning-settings.js';
import type { PlanningFact } from './ports.js';
import { planFor } from './replenishment-view.js';
import { runForecasts, type ForecastComputer } from './run-forecasts.js';

export const POLICY_NAMES = ['current', 's-Q', 's-S', 'min-max', 'R-S'] as const;
const DEMAND_KINDS = ['history', 'series', 'csv', 'normal', 'poisson', 'intermittent'] as const;
const FIELDS = ['sku', 'demand', 'periodDays', 'leadTime', 'reviewPeriod', 'mode', 'seed', 'costs', 'initialOnHand', 'policies', 'settings', 'trajectory'];
const POLICY_FIELDS = ['kind', 'name', 'reorderPoint', 'orderQuantity', 'orderUpTo', 'min', 'max', 'reviewPeriod', 'minimumOrderQuantity', 'packSize'];
const COST_NAMES = ['orderingCost', 'holdingCostPerUnitPeriod', 'backorderCostPerUnitPeriod', 'lostSaleCostPerUnit'] as const;
const DEMAND_FIELDS = ['kind', 'days', 'values', 'text', 'periods', 'mean', 'sd', 'probability', 'sizeMean', 'sizeSd'];
const MAX_POLICIES = 20;
/** Runs up to this many periods return their day-by-day trajectory unless told otherwise. */
const TRAJECTORY_PERIODS = 3660;

/** One policy's outcome, named as the request named it ("current plan" for the item's planned policy). */
export interface PolicyOutcome extends Omit<SimulationResult, 'trajectory'> {
  readonly name: string;
  readonly trajectory: SimulationResult['trajectory'];
}

/** The costs a run was priced with (minor currency units), and where each came from. */
export interface SimulationCostsUsed extends Required<SimulationCosts> {
  /** One sentence per cost, money in major units: given, or derived from the planning settings and the item. */
  readonly basis: readonly string[];
}

export interface SimulationView {
  readonly sku: string | null;
  readonly periods: number;
  /** Days per period: 1 for daily demand, 7 for weekly totals. */
  readonly periodDays: number;
  readonly mode: string;
  readonly seed: number;
  /** In periods, as simulated (the item's lead time in days converted). */
  readonly leadTime: unknown;
  readonly costs: SimulationCostsUsed;
  /** What the reader should know before trusting the figures, e.g. days rounded to whole periods. */
  readonly warnings: readonly string[];
  readonly demand: { readonly kind: string; readonly from: string | null; readonly total: number; readonly meanPerPeriod: number };
  /** Side by side, in the order asked for; every policy met the same demand and lead times. */
  readonly results: readonly PolicyOutcome[];
}

/**
 * Simulates inventory policies side by side (SPEC §7) on an item's recorded daily demand
 * (`history`, the default), a given series (`series`, `csv`) or a generated process (`normal`, `poisson`,
 * `intermittent`), seeded so a run can be repeated. `current` is the item's planned policy now, with
 * its supplier's MOQ and pack size. A period lasts `periodDays` days (default 1): the item's lead
 * time and the plan's review period, in days, are converted (rounded up, with a warning, when they
 * do not divide). Costs not given are the planner's (ordering cost, holding rate of the unit cost).
 * Pure but for reading the item; bad input (a negative lead time, no demand, an unknown policy)
 * is a VALIDATION_FAILED naming the field.
 */
export async function simulateInventory(store: Store, input: unknown, compute?: ForecastComputer): Promise<Result<SimulationView>> {
  const checked = checkRequest(input);
  if (checked) return checked;
  const request = input as Record<string, unknown>;
  const demand = (request['demand'] as Record<string, unknown> | undefined) ?? { kind: 'history' };
  const policies = request['policies'] as Record<string, unknown>[];
  const sku = request['sku'] as string | undefined;
  if (sku === undefined) {
    if (demand['kind'] === 'history') return invalid('sku', 'is required for history demand');
    const current = policies.findIndex((p) => p['kind'] === 'current');
    if (current >= 0) return invalid(`policies[${current}].kind`, 'the current plan is an item\'s: give its sku');
    if (request['leadTime'] === undefined) return invalid('leadTime', 'is required (or give a sku to use its lead time)');
  }
  const settings = parsePlanningSettings(request['settings']);
  if (!settings.ok) return within('settings', settings);
  if (sku !== undefined && policies.some((p) => p['kind'] === 'current')) {
    const forecast = await ensureForecast(store, sku, settings.value.reviewPeriodDays, compute);
    if (!forecast.ok) return forecast;
  }

  const item = sku === undefined ? null : await store.read(async (tx) => {
    const found = await resolveItem(tx, sku);
    if (!found.ok) return found;
    const today = dateOf(new Date(tx.now));
    const [fact] = await tx.planning.planningFacts({ itemIds: [found.value.id] });
    if (!fact) throw new Error(`planning facts of ${sku} vanished`);
    const [forecast] = await tx.planning.forecastsOf([found.value.id]);
    const days = (demand['days'] as number | undefined) ?? 365;
    let from = addDays(today, -days);
    let history: number[] | null = null;
    if (demand['kind'] === 'history') {
      const rows = await tx.planning.demandUnits({ itemIds: [found.value.id], from, until: today });
      // Replayed from where forecasts read it: days before it would make any policy look idle.
      from = historyStartDay(fact.createdDay, rows.map((row) => row.day), from, today);
      history = dailySeries(rows, from, today);
    }
    return ok({ fact, forecast: forecast ?? null, today, from, history, askedDays: days, unitPrice: found.value.unitPrice });
  });
  if (item !== null && !item.ok) return item;
  const known = item?.value ?? null;

  const periodDays = (request['periodDays'] as number | undefined) ?? 1;
  const warnings: string[] = [];
  const daily = known?.history ?? null;
  const history = daily === null ? null : inPeriodsOf(daily, periodDays);
  const dropped = daily === null ? 0 : daily.length % periodDays;
  if (known !== null && daily !== null && history?.length === 0) {
    const lacks = periodDays === 1 ? 'no demand history to replay yet' : `less than one period of ${periodDays} days of demand history to replay`;
    return invalid('sku', `${sku as string} has ${lacks} (it starts on ${known.from}, its creation or first recorded demand): simulate it on demand given as values, CSV or a generated process instead`);
  }
  if (known !== null && daily !== null && daily.length - dropped < known.askedDays) {
    warnings.push(`The item's demand history starts on ${addDays(known.from, dropped)} (its creation or first recorded demand${periodDays === 1 ? '' : ', in whole periods'}): ${daily.length - dropped} days replayed, not ${known.askedDays}.`);
  }
  const spec = demandSpec(demand, history);
  if (!spec.ok) return spec;
  const resolved: SimulationPolicy[] = [];
  const names: string[] = [];
  for (const [index, policy] of policies.entries()) {
    if (policy['kind'] !== 'current') {
      const { name, ...rest } = policy;
      resolved.push(withReview(rest as unknown as SimulationPolicy, request['reviewPeriod'] as number | undefined));
      names.push((name as string | undefined) ?? describePolicy(rest as unknown as SimulationPolicy));
      continue;
    }
    if (known === null) throw new Error('the current plan was asked for without an item');
    const plan = planFor(known.fact, known.forecast, settings.value, known.today);
    if (!plan.ok) return fail(plan.code, `policies[${index}]: the current plan cannot be made: ${plan.message}`, { field: `policies[${index}]` });
    const { name, kind: _current, ...terms } = policy;
    const supplier = { minimumOrderQuantity: known.fact.supplier?.moq ?? 0, packSize: known.fact.supplier?.packSize ?? 1 };
    resolved.push({ ...inPeriods(plan.value.simulationPolicy, periodDays, warnings), ...supplier, ...(terms as { minimumOrderQuantity?: number; packSize?: number }) });
    names.push((name as string | undefined) ?? 'current plan');
  }

  let leadTime = request['leadTime'];
  if (leadTime === undefined) {
    const days = known?.fact.leadTimeDays ?? 0;
    const span = periodsOfDays(days, periodDays);
    if (!span.whole) warnings.push(`The item's lead time of ${days} days is ${formatPrecise(span.exact, 3)} periods of ${periodDays} days: simulated as ${span.periods}, rounded up.`);
    leadTime = span.periods;
  }
  const costs = costsOf(request['costs'] as Record<string, number> | undefined, known, settings.value, periodDays);
  if (known === null && costs.basis.some((line) => line.endsWith('(not given)'))) warnings.push('Without an item there is no unit cost to price stock with: costs not given count as 0.');
  const seed = (request['seed'] as number | undefined) ?? 1;
  const { basis: _basis, ...runCosts } = costs;
  const outcome = comparePolicies({
    demand: spec.value,
    seed,
    leadTime: leadTime as number,
    mode: request['mode'] as 'backorder' | 'lost-sales' | undefined,
    costs: runCosts,
    initialOnHand: request['initialOnHand'] as number | undefined,
    recordTrajectory: (request['trajectory'] as boolean | undefined) ?? periodsOf(spec.value) <= TRAJECTORY_PERIODS,
    policies: resolved,
  });
  if (!outcome.ok) return invalid(outcome.field, outcome.message);
  const first = outcome.value[0];
  const total = first?.units.demand ?? 0;
  const periods = first?.periods ?? 0;
  return ok({
    sku: sku ?? null,
    periods,
    periodDays,
    mode: first?.mode ?? 'backorder',
    seed,
    leadTime,
    costs,
    warnings,
    demand: { kind: String(demand['kind']), from: demand['kind'] === 'history' && known !== null ? addDays(known.from, dropped) : null, total, meanPerPeriod: periods > 0 ? total / periods : 0 },
    results: outcome.value.map((result, index) => ({ ...result, name: names[index] ?? result.policy.kind })),
  });
}

/** Daily history summed into periods of `periodDays`, the oldest days that do not fill one dropped. */
function inPeriodsOf(daily: readonly number[], periodDays: number): number[] {
  if (periodDays === 1) return [...daily];
  const start = daily.length % periodDays;
  const periods: number[] = [];
  for (let day = start; day < daily.length; day += periodDays) periods.push(daily.slice(day, day + periodDays).reduce((sum, units) => sum + units, 0));
  return periods;
}

/** The plan's policy (days) in periods: its review period converted, rounded up to at least 1 with a warning. */
function inPeriods(policy: SimulationPolicy, periodDays: number, warnings: string[]): SimulationPolicy {
  if (policy.kind !== 'R-S' || periodDays === 1) return policy;
  const span = periodsOfDays(policy.reviewPeriod, periodDays, 1);
  if (!span.whole) warnings.push(`The current plan's review period of ${policy.reviewPeriod} days is ${formatPrecise(span.exact, 3)} periods of ${periodDays} days: simulated as ${span.periods}, rounded up.`);
  return { ...policy, reviewPeriod: span.periods };
}

/** Costs given, else the planner's for the item (none without an item), each with where it came from. */
function costsOf(given: Record<string, number> | undefined, known: { readonly fact: PlanningFact; readonly unitPrice: number } | null, settings: PlanningSettings, periodDays: number): SimulationCostsUsed {
  const unitCost = known === null ? 0 : (known.fact.supplier?.unitCost ?? known.fact.unitCost);
  const planned = planningCosts({ unitCost, unitPrice: known?.unitPrice ?? 0, orderingCost: settings.orderingCost, holdingRate: settings.holdingRate, backorderCostRatio: settings.backorderCostRatio, periodDays });
  const per = periodDays === 1 ? 'per unit-day' : `per unit and period of ${periodDays} days`;
  const derived: Record<(typeof COST_NAMES)[number], string> = {
    orderingCost: `ordering ${formatMoney(planned.orderingCost, 4)} per order: the planning settings' orderingCost`,
    holdingCostPerUnitPeriod: `holding ${formatMoney(planned.holdingCostPerUnitPeriod, 4)} ${per}: ${formatPrecise(settings.holdingRate * 100, 4)}% a year (holdingRate) of the unit cost ${unitCost >= 1 ? formatMoney(unitCost) : `${formatMoney(1)} (the item has no unit cost; the least is taken, so holding stock is never free)`}`,
    backorderCostPerUnitPeriod: `backorder ${formatMoney(planned.backorderCostPerUnitPeriod, 4)} ${per}: ${formatPrecise(settings.backorderCostRatio, 4)} × holding (backorderCostRatio)`,
    lostSaleCostPerUnit: `lost sale ${formatMoney(planned.lostSaleCostPerUnit, 4)} per unit: the item's unit price`,
  };
  const used = { ...planned };
  const basis: string[] = [];
  for (const name of COST_NAMES) {
    const value = given?.[name];
    if (value !== undefined) {
      used[name] = value;
      basis.push(`${name} ${formatMoney(value, 4)}: given`);
    } else if (known === null) {
      used[name] = 0;
      basis.push(`${name} 0.00 (not given)`);
    } else {
      basis.push(derived[name]);
    }
  }
  return { ...used, basis };
}

/** Structural checks the domain cannot name well: the shapes of demand and policies, unknown fields. */
function checkRequest(input: unknown): ReturnType<typeof invalid> | null {
  if (!isRecord(input)) return invalid('body', 'must be an object');
  const demand = input['demand'];
  const policies = input['policies'];
  const failure = firstFailure(
    checkKnownFields('', input, FIELDS),
    input['sku'] !== undefined ? checkSku('sku', input['sku']) : null,
    demand === undefined || isRecord(demand) ? null : invalid('demand', 'must be an object'),
    isRecord(demand) ? checkKnownFields('demand', demand, DEMAND_FIELDS) : null,
    isRecord(demand) ? checkOneOf('demand.kind', demand['kind'], DEMAND_KINDS) : null,
    isRecord(demand) && demand['days'] !== undefined
      ? demand['kind'] === 'history' ? checkInteger('demand.days', demand['days'], 1, 3660) : invalid('demand.days', 'applies to history demand only')
      : null,
    isRecord(demand) && demand['kind'] === 'csv' ? checkText('demand.text', demand['text'], { max: 2_000_000, multiline: true }) : null,
    isRecord(demand) && ['normal', 'poisson', 'intermittent'].includes(String(demand['kind'])) ? checkInteger('demand.periods', demand['periods'], 1, MAX_PERIODS) : null,
    isRecord(demand) && demand['kind'] === 'series' && Array.isArray(demand['values']) && demand['values'].length > MAX_PERIODS ? invalid('demand.values', `must hold at most ${MAX_PERIODS} periods`) : null,
    input['reviewPeriod'] !== undefined ? checkInteger('reviewPeriod', input['reviewPeriod'], 1, 3660) : null,
    input['periodDays'] !== undefined ? checkInteger('periodDays', input['periodDays'], 1, 366) : null,
    input['trajectory'] !== undefined && typeof input['trajectory'] !== 'boolean' ? invalid('trajectory', 'must be true or false') : null,
    input['costs'] !== undefined && !isRecord(input['costs']) ? invalid('costs', 'must be an object') : null,
    isRecord(input['costs']) ? checkKnownFields('costs', input['costs'], COST_NAMES) : null,
    policies === undefined ? invalid('policies', 'is required') : null,
    policies !== undefined && (!Array.isArray(policies) || policies.length === 0) ? invalid('policies', 'must be a non-empty list of policies') : null,
    Array.isArray(policies) && policies.length > MAX_POLICIES ? invalid('policies', `must hold at most ${MAX_POLICIES} policies`) : null,
  );
  if (failure) return failure;
  for (const [index, policy] of (policies as unknown[]).entries()) {
    const field = `policies[${index}]`;
    if (!isRecord(policy)) return invalid(field, 'must be an object');
    const bad = firstFailure(
      checkKnownFields(field, policy, POLICY_FIELDS),
      checkOneOf(`${field}.kind`, policy['kind'], POLICY_NAMES),
      policy['name'] !== undefined ? checkText(`${field}.name`, policy['name'], { max: 100 }) : null,
      // Checked before the current plan's forecast is made, so a refused request writes nothing.
      policy['minimumOrderQuantity'] !== undefined ? checkInteger(`${field}.minimumOrderQuantity`, policy['minimumOrderQuantity'], 0, 1_000_000_000) : null,
      policy['packSize'] !== undefined ? checkInteger(`${field}.packSize`, policy['packSize'], 1, 1_000_000_000) : null,
    );
    if (bad) return bad;
  }
  return null;
}

function demandSpec(demand: Record<string, unknown>, history: readonly number[] | null): Result<DemandSpec> {
  switch (demand['kind']) {
    case 'history':
      return ok({ kind: 'series', values: history ?? [] });
    case 'csv': {
      const values = demandFromCsv('demand.text', demand['text'] as string);
      return values.ok ? ok({ kind: 'series', values: values.value }) : values;
    }
    default: {
      const { kind, ...rest } = demand;
      return ok({ kind, ...rest } as unknown as DemandSpec);
    }
  }
}

/** Periods the demand covers; 0 for a shape the simulation will refuse (it names the field). */
function periodsOf(spec: DemandSpec): number {
  if (spec.kind === 'series') return Array.isArray(spec.values) ? spec.values.length : 0;
  return Number.isSafeInteger(spec.periods) ? spec.periods : 0;
}

/** A policy without its own review period takes the request's. */
function withReview(policy: SimulationPolicy, reviewPeriod: number | undefined): SimulationPolicy {
  if (reviewPeriod === undefined || policy.kind === 'R-S' || policy.reviewPeriod !== undefined) return policy;
  return { ...policy, reviewPeriod };
}

function describePolicy(policy: SimulationPolicy): string {
  switch (policy.kind) {
    case 's-Q':
      return `(s=${policy.reorderPoint}, Q=${policy.orderQuantity})`;
    case 's-S':
      return `(s=${policy.reorderPoint}, S=${policy.orderUpTo})`;
    case 'min-max':
      return `min ${policy.min} / max ${policy.max}`;
    case 'R-S':
      return `(R=${policy.reviewPeriod}, S=${policy.orderUpTo})`;
    default:
      return String((policy as { kind: unknown }).kind);
  }
}

async function ensureForecast(store: Store, sku: string, reviewDays: number, compute: ForecastComputer | undefined): Promise<Result<true>> {
  const has = await store.read(async (tx) => {
    const item = await resolveItem(tx, sku);
    if (!item.ok) return item;
    return ok((await tx.planning.forecastsOf([item.value.id])).length > 0);
  });
  if (!has.ok) return has;
  if (has.value) return ok(true);
  const run = await runForecasts(store, { skus: [sku], compute, reviewDays });
  return run.ok ? ok(true) : run;
}
