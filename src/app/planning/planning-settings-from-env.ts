import { invalid, ok, type Result } from '../result.js';
import { DEFAULT_PLANNING_SETTINGS, parsePlanningSettings, type PlanningSettings } from './planning-settings.js';

/**
 * The environment variables that set the shop's planning settings (the nightly run's, and the
 * defaults of the API's planning routes and of `restock plan`), each naming a field of
 * parsePlanningSettings (the same as `restock plan` options and the API's query): unset ones keep
 * DEFAULT_PLANNING_SETTINGS.
 */
export const PLANNING_SETTINGS_ENV = {
  RESTOCK_PLAN_SERVICE: 'service',
  RESTOCK_PLAN_SERVICE_LEVEL: 'serviceLevel',
  RESTOCK_PLAN_POLICY: 'policy',
  RESTOCK_PLAN_REVIEW_DAYS: 'reviewDays',
  RESTOCK_PLAN_LEAD_TIME_MODEL: 'leadTimeModel',
  RESTOCK_PLAN_ORDERING_COST: 'orderingCost',
  RESTOCK_PLAN_HOLDING_RATE: 'holdingRate',
  RESTOCK_PLAN_BACKORDER_COST_RATIO: 'backorderCostRatio',
} as const;

/**
 * The shop's planning settings from the environment, read at start: RESTOCK_PLAN_SERVICE,
 * _SERVICE_LEVEL, _POLICY, _REVIEW_DAYS, _LEAD_TIME_MODEL, _ORDERING_COST, _HOLDING_RATE and
 * _BACKORDER_COST_RATIO over DEFAULT_PLANNING_SETTINGS, checked as a request's settings are. A bad
 * value is a VALIDATION_FAILED naming the variable, so a process refuses to start with it rather
 * than plan every night under settings nobody chose.
 */
export function planningSettingsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): Result<PlanningSettings> {
  const input: Record<string, unknown> = {};
  for (const [variable, field] of Object.entries(PLANNING_SETTINGS_ENV)) {
    const value = env[variable]?.trim();
    if (value === undefined || value === '') continue;
    // Numbers as numbers; other text goes on as text, for the check to refuse in its own words.
    input[field] = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(value) ? Number(value) : value;
  }
  const settings = parsePlanningSettings(input, DEFAULT_PLANNING_SETTINGS);
  if (settings.ok) return ok(settings.value);
  const field = (settings.details as { field?: string } | undefined)?.field;
  const variable = Object.entries(PLANNING_SETTINGS_ENV).find(([, name]) => name === field)?.[0];
  if (variable === undefined || field === undefined) return settings;
  return invalid(variable, `${settings.message.slice(field.length + 2)} (got ${JSON.stringify(env[variable])})`);
}
