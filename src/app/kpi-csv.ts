import { stringify } from 'csv-stringify/sync';
import type { KpiReport } from './get-kpis.js';

/** The per-item KPI table as CSV (one row per item, rates as fractions), for spreadsheets. */
export function kpiTableCsv(report: KpiReport): string {
  return stringify(
    report.items.map((item) => ({
      sku: item.sku,
      name: item.name,
      abc_class: item.abcClass,
      units_requested: item.unitsRequested,
      unit_fill_rate: item.unitFillRate ?? '',
      line_fill_rate: item.lineFillRate ?? '',
      backorder_rate: item.backorderRate ?? '',
      lost_units: item.lostUnits,
      lost_revenue: item.lostRevenue,
      stockout_count: item.stockoutCount,
      stockout_hours: item.stockoutHours,
      in_stock_rate: item.inStockRate ?? '',
      waiting_0_7: item.backordersWaitingByAge['0-7'],
      waiting_8_14: item.backordersWaitingByAge['8-14'],
      waiting_15_30: item.backordersWaitingByAge['15-30'],
      waiting_over_30: item.backordersWaitingByAge['>30'],
      time_to_fill_days_mean: item.timeToFillDays.mean ?? '',
      time_to_fill_days_p90: item.timeToFillDays.p90 ?? '',
      promises_kept: item.promisesKept.kept,
      promises_broken: item.promisesKept.broken,
      inventory_turnover: item.inventoryTurnover ?? '',
      days_of_supply: item.daysOfSupply ?? '',
    })),
    { header: true },
  );
}
