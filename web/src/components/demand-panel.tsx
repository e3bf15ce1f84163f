import { NotAvailable } from './notices';

/** Demand history with the forecast band and reorder lines, once the API offers forecasts. */
export function DemandPanel({ sku }: { readonly sku: string }) {
  return <NotAvailable feature={`Demand history and forecast for ${sku}`} />;
}
