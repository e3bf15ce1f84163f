import type { ReplenishmentPolicyKind, ServiceTarget } from '../../domain/replenish/index.js';
import { invalid, ok, type Failure, type Result } from '../result.js';
import { checkInteger, checkKnownFields, checkOneOf, firstFailure, isRecord } from '../validate.js';

/** How demand over the protection interval is modelled: the forecast's own count distribution, or a normal one. */
export const LEAD_TIME_MODELS = ['quantiles', 'normal'] as const;
export type LeadTimeModel = (typeof LEAD_TIME_MODELS)[number];

export const SERVICE_KINDS = ['fill-rate', 'cycle-service-level'] as const;
export const POLICY_KINDS = ['order-up-to', 'eoq', 'eoq-planned-backorders', 'min-max'] as const satisfies readonly ReplenishmentPolicyKind[];

/** What a replenishment plan aims at and how it orders; every plan states the settings it used. */
export interface PlanningSettings {
  readonly service: ServiceTarget;
  readonly policy: ReplenishmentPolicyKind;
  /** Days between reviews of an order-up-to policy. */
  readonly reviewPeriodDays: number;
  readonly leadTimeModel: LeadTimeModel;
  /** Fixed cost of one purchase order, minor currency units (EOQ). */
  readonly orderingCost: number;
  /** Yearly cost of holding a unit, as a share of its unit cost (EOQ). */
  readonly holdingRate: number;
  /** Backorder cost per unit-day as a multiple of the holding cost (planned-backorder EOQ). */
  readonly backorderCostRatio: number;
}

/**
 * Defaults: 95% fill rate, order-up-to reviewed weekly, the forecast's own distribution; for the
 * lot-size policies an order costs 50.00, holding a unit costs 25% of its cost a year, and keeping
 * a customer waiting costs nine times holding (so EOQ with planned backorders plans 10% short).
 */
export const DEFAULT_PLANNING_SETTINGS: PlanningSettings = {
  service: { kind: 'fill-rate', target: 0.95 },
  policy: 'order-up-to',
  reviewPeriodDays: 7,
  leadTimeModel: 'quantiles',
  orderingCost: 5000,
  holdingRate: 0.25,
  backorderCostRatio: 9,
};

/** The fields a request may set, flat so they fit a query string and CLI options. */
export const SETTING_FIELDS = ['service', 'serviceLevel', 'policy', 'reviewDays', 'leadTimeModel', 'orderingCost', 'holdingRate', 'backorderCostRatio'] as const;

/**
 * The settings as the request fields parsePlanningSettings reads, so settings a shop configured
 * can stand under what one request asks for: `{ ...settingsAsFields(configured), ...request }`.
 */
export function settingsAsFields(settings: PlanningSettings): Record<(typeof SETTING_FIELDS)[number], string | number> {
  return {
    service: settings.service.kind,
    serviceLevel: settings.service.target,
    policy: settings.policy,
    reviewDays: settings.reviewPeriodDays,
    leadTimeModel: settings.leadTimeModel,
    orderingCost: settings.orderingCost,
    holdingRate: settings.holdingRate,
    backorderCostRatio: settings.backorderCostRatio,
  };
}

/**
 * Ranges of the cost settings. Beyond them a lot size stops being a number of units anyone
 * orders (and floating point stops counting single units), so they are refused, not planned.
 */
export const COST_RANGES = {
  /** Minor currency units per purchase order: up to 100 million in major units. */
  orderingCost: { min: 0, max: 1e10 },
  /** Yearly share of unit cost: from 0.1% to 1,000% a year. */
  holdingRate: { min: 0.001, max: 10 },
  /** Times the holding cost. */
  backorderCostRatio: { min: 0, max: 1000 },
} as const;

/**
 * Reads planning settings from a request (`{service, serviceLevel, policy, reviewDays,
 * leadTimeModel, orderingCost, holdingRate, backorderCostRatio}`, all optional) over the defaults. A service level
 * must lie strictly between 0 and 1; every failure names its field.
 */
export function parsePlanningSettings(input: unknown, base: PlanningSettings = DEFAULT_PLANNING_SETTINGS): Result<PlanningSettings> {
  if (input === undefined || input === null) return ok(base);
  if (!isRecord(input)) return invalid('settings', 'must be an object');
  const has = (key: string) => input[key] !== undefined;
  const failure = firstFailure(
    checkKnownFields('', input, SETTING_FIELDS),
    has('service') ? checkOneOf('service', input['service'], SERVICE_KINDS) : null,
    has('serviceLevel') ? checkOpenUnit('serviceLevel', input['serviceLevel']) : null,
    has('policy') ? checkOneOf('policy', input['policy'], POLICY_KINDS) : null,
    has('reviewDays') ? checkInteger('reviewDays', input['reviewDays'], 1, 365) : null,
    has('leadTimeModel') ? checkOneOf('leadTimeModel', input['leadTimeModel'], LEAD_TIME_MODELS) : null,
    has('orderingCost') ? checkCost('orderingCost', input['orderingCost']) : null,
    has('holdingRate') ? checkCost('holdingRate', input['holdingRate']) : null,
    has('backorderCostRatio') ? checkCost('backorderCostRatio', input['backorderCostRatio']) : null,
  );
  if (failure) return failure;
  const kind = (input['service'] as ServiceTarget['kind'] | undefined) ?? base.service.kind;
  const target = (input['serviceLevel'] as number | undefined) ?? base.service.target;
  const leadTimeModel = (input['leadTimeModel'] as LeadTimeModel | undefined) ?? base.leadTimeModel;
  return ok({
    service: { kind, target },
    policy: (input['policy'] as ReplenishmentPolicyKind | undefined) ?? base.policy,
    reviewPeriodDays: (input['reviewDays'] as number | undefined) ?? base.reviewPeriodDays,
    leadTimeModel,
    orderingCost: (input['orderingCost'] as number | undefined) ?? base.orderingCost,
    holdingRate: (input['holdingRate'] as number | undefined) ?? base.holdingRate,
    backorderCostRatio: (input['backorderCostRatio'] as number | undefined) ?? base.backorderCostRatio,
  });
}

function checkOpenUnit(field: string, value: unknown): Failure | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && value < 1
    ? null
    : invalid(field, 'must be a number strictly between 0 and 1 (e.g. 0.95)');
}

function checkCost(field: keyof typeof COST_RANGES, value: unknown): Failure | null {
  const { min, max } = COST_RANGES[field];
  const inRange = typeof value === 'number' && Number.isFinite(value) && (min === 0 ? value > 0 : value >= min) && value <= max;
  return inRange ? null : invalid(field, `must be a number ${min === 0 ? 'above 0' : `from ${min}`} up to ${max.toLocaleString('en-US')}`);
}
