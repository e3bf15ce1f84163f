import { netRequirement } from '../replenish/net-requirement.js';
import type { LeadTimeSampler } from './lead-time.js';
import { orderableQuantity, reorderRuleOf, type SimulationPolicy } from './simulation-policy.js';
import type { SalesMode, SimulationCosts, SimulationResult, Trajectory } from './simulation-types.js';

export interface RunSettings {
  readonly mode: SalesMode;
  readonly costs: SimulationCosts;
  readonly initialOnHand: number;
  readonly recordTrajectory: boolean;
}

/**
 * Replays validated demand under one policy. Each period: review and order (an order with
 * lead time L arrives at the start of period t + L, so L = 0 arrives at once), receive and
 * fill waiting backorders, then serve the period's demand from stock, backordering or
 * losing the rest. Every order keeps the policy's supplier terms (whole packs ≥ MOQ). Conserves
 * units; onHand and backorders never go negative.
 */
export function runSimulation(
  demand: readonly number[],
  policy: SimulationPolicy,
  leadTimes: LeadTimeSampler,
  settings: RunSettings,
): SimulationResult {
  const periods = demand.length;
  const rule = reorderRuleOf(policy);
  const reviewPeriod = policy.reviewPeriod ?? 1;
  const lostSales = settings.mode === 'lost-sales';
  const pipeline = new Float64Array(leadTimes.max + 1);
  const trajectory = settings.recordTrajectory ? emptyTrajectory(periods) : null;

  let onHand = settings.initialOnHand;
  let onOrder = 0;
  let backorders = 0;
  let orders = 0;
  let totalDemand = 0;
  let servedFromStock = 0;
  let servedFromBackorder = 0;
  let lost = 0;
  let stockoutPeriods = 0;
  let sumOnHand = 0;
  let sumBackorders = 0;
  let receipts = 0;
  let cycles = 0;
  let cyclesWithStockout = 0;
  let shortInCycle = false;

  for (let period = 0; period < periods; period += 1) {
    if (period % reviewPeriod === 0) {
      const quantity = orderableQuantity(netRequirement(rule, onHand + onOrder - backorders), policy);
      if (quantity > 0) {
        if (trajectory) trajectory.ordered[period] = quantity;
        const arrival = (period + leadTimes.next()) % pipeline.length;
        pipeline[arrival] = (pipeline[arrival] ?? 0) + quantity;
        onOrder += quantity;
        orders += 1;
      }
    }

    const slot = period % pipeline.length;
    const arriving = pipeline[slot] ?? 0;
    if (arriving > 0) {
      pipeline[slot] = 0;
      onOrder -= arriving;
      onHand += arriving;
      const filled = Math.min(backorders, onHand);
      backorders -= filled;
      onHand -= filled;
      servedFromBackorder += filled;
      receipts += 1;
      // A cycle runs from one receipt to the next; the stretch before the first receipt is not one.
      if (receipts > 1) {
        cycles += 1;
        if (shortInCycle) cyclesWithStockout += 1;
      }
      shortInCycle = false;
    }

    const wanted = demand[period] ?? 0;
    const served = Math.min(wanted, onHand);
    const short = wanted - served;
    onHand -= served;
    totalDemand += wanted;
    servedFromStock += served;
    if (short > 0) {
      stockoutPeriods += 1;
      shortInCycle = true;
      if (lostSales) lost += short;
      else backorders += short;
    }
    sumOnHand += onHand;
    sumBackorders += backorders;

    if (trajectory) {
      trajectory.onHand[period] = onHand;
      trajectory.backorders[period] = backorders;
      trajectory.onOrder[period] = onOrder;
      trajectory.demand[period] = wanted;
      trajectory.served[period] = served;
      trajectory.lost[period] = lostSales ? short : 0;
    }
  }

  const costs = settings.costs;
  const holding = sumOnHand * (costs.holdingCostPerUnitPeriod ?? 0);
  const ordering = orders * (costs.orderingCost ?? 0);
  const backorder = sumBackorders * (costs.backorderCostPerUnitPeriod ?? 0);
  const lostSalesCost = lost * (costs.lostSaleCostPerUnit ?? 0);
  const total = holding + ordering + backorder + lostSalesCost;

  return {
    policy,
    mode: settings.mode,
    periods,
    units: { demand: totalDemand, servedFromStock, servedFromBackorder, backorderedAtEnd: backorders, lost },
    fillRate: totalDemand > 0 ? servedFromStock / totalDemand : null,
    cycleServiceLevel: cycles > 0 ? 1 - cyclesWithStockout / cycles : null,
    replenishmentCycles: cycles,
    averageOnHand: sumOnHand / periods,
    averageBackorders: sumBackorders / periods,
    stockoutPeriods,
    orders,
    cost: { holding, ordering, backorder, lostSales: lostSalesCost, total, perPeriod: total / periods },
    trajectory,
  };
}

interface MutableTrajectory extends Trajectory {
  readonly onHand: number[];
  readonly backorders: number[];
  readonly onOrder: number[];
  readonly demand: number[];
  readonly served: number[];
  readonly lost: number[];
  readonly ordered: number[];
}

function emptyTrajectory(periods: number): MutableTrajectory {
  const column = (): number[] => new Array<number>(periods).fill(0);
  return { onHand: column(), backorders: column(), onOrder: column(), demand: column(), served: column(), lost: column(), ordered: column() };
}
