export { abcClasses, type AbcClass } from './abc-class.js';
export { AGE_BUCKETS, ageBucket, type AgeBucket } from './age-buckets.js';
export { computeKpis, KPI_DEFINITIONS, type ItemKpis, type KpiFigures, type Kpis, type LocationKpis } from './compute-kpis.js';
export type { ItemFacts, KpiFacts, LocationFacts } from './kpi-facts.js';
export { EVERY_ITEM, ITEM_SORTS, selectItems, type ItemSelection, type ItemSort } from './item-selection.js';
export { weightedMean, weightedPercentile } from './percentile.js';
export { summariseStockouts, type StockoutInterval, type StockoutSummary } from './stockouts.js';
