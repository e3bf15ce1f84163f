import { packSize } from './pack-size.js';
import type { ForecastMethod } from './types.js';

/**
 * The method applied to demand counted in packs (see packSize) and scaled back to units: a part
 * always sold by 5 or 10 gets quantiles of 0, 5, 10 … rather than 3 or 4, which it never sells,
 * and a count model whose spread is measured in packs. The same method when the pack is 1.
 */
export function inPacks(method: ForecastMethod): ForecastMethod {
  return (series, options) => {
    const pack = packSize(series);
    if (pack === 1) return method(series, options);
    const forecast = method(series.map((y) => y / pack), options);
    return {
      method: forecast.method,
      mean: forecast.mean.map((m) => m * pack),
      quantiles: forecast.quantiles.map((q) => ({ level: q.level, values: q.values.map((v) => v * pack) })),
    };
  };
}
