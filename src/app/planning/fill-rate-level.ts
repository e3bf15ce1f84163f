import { expectedShortage, leadTimeDistribution, probabilityAtMost, type DemandModel, type LeadTimeDistribution } from './lead-time-distribution.js';

/** A stock level that meets a fill-rate target, with the figures that justify it. */
export interface FillRateLevel {
  /** Order-up-to level S, or reorder point s (whole units). */
  readonly level: number;
  /** Units expected short per replenishment cycle at that level. */
  readonly shortagePerCycle: number;
  /** Units expected to be asked for per cycle; the target allows (1 − β) of them short. */
  readonly demandPerCycle: number;
  /** P(demand over the protection interval ≤ level): the cycle service level the level gives. */
  readonly probability: number;
  /** Demand over the protection interval (lead time, plus the review period for order-up-to). */
  readonly protection: LeadTimeDistribution;
}

/**
 * Order-up-to level S of a periodic review (R, S) policy for fill rate β, backorders allowed:
 * the smallest whole S ≥ 0 whose expected shortage per review cycle,
 * E[(D_{L+R} − S)⁺] − E[(D_L − S)⁺] (what is short at the cycle's end less what was already
 * short at its start), is at most (1 − β)·E[D_R]. Both distributions come from the forecast's
 * own count model, so slow movers get whole-unit levels, not normal approximations.
 */
export function orderUpToForFillRate(model: DemandModel, leadSteps: number, reviewSteps: number, fillRate: number): FillRateLevel {
  const protection = leadTimeDistribution(model, leadSteps + reviewSteps);
  const lead = leadTimeDistribution(model, leadSteps);
  const demandPerCycle = protection.mean - lead.mean;
  const shortage = (level: number) => expectedShortage(protection, level) - expectedShortage(lead, level);
  const level = smallestLevel(shortage, (1 - fillRate) * demandPerCycle, 0, top(protection));
  return { level, shortagePerCycle: shortage(level), demandPerCycle, probability: probabilityAtMost(protection, level), protection };
}

/**
 * Reorder point s of a continuous review (s, Q) policy for fill rate β: the smallest whole
 * s ≥ −Q whose expected shortage per cycle, E[(D_L − s)⁺] − E[(D_L − s − Q)⁺], is at most (1 − β)·Q.
 */
export function reorderPointForFillRateWithLots(model: DemandModel, leadSteps: number, lotSize: number, fillRate: number): FillRateLevel {
  const protection = leadTimeDistribution(model, leadSteps);
  const shortage = (level: number) => expectedShortage(protection, level) - expectedShortage(protection, level + lotSize);
  const level = smallestLevel(shortage, (1 - fillRate) * lotSize, -lotSize, top(protection));
  return { level, shortagePerCycle: shortage(level), demandPerCycle: lotSize, probability: probabilityAtMost(protection, level), protection };
}

function top(distribution: LeadTimeDistribution): number {
  return Math.ceil(distribution.values[distribution.values.length - 1] ?? 0);
}

/**
 * Binary search for the smallest whole level in [low, high] with shortage(level) ≤ allowed;
 * shortage falls as the level rises. The bounds must be safe integers (planned lots are capped
 * at a billion units), and the search stops after 64 halvings in any case.
 */
function smallestLevel(shortage: (level: number) => number, allowed: number, low: number, high: number): number {
  const slack = 1e-12;
  let lo = Math.max(low, -Number.MAX_SAFE_INTEGER);
  let hi = Math.min(Math.max(low, high), Number.MAX_SAFE_INTEGER);
  for (let step = 0; lo < hi && step < 64; step++) {
    const middle = Math.floor((lo + hi) / 2);
    if (shortage(middle) <= allowed + slack) hi = middle;
    else lo = middle + 1;
  }
  return lo;
}
