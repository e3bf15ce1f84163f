/**
 * Paths (under /api/v1) of the features that arrived after the core API, in one place so the
 * pages follow the server's OpenAPI document when a route is named differently.
 */
export const ROUTES = {
  kpis: '/kpis',
  suppliers: '/suppliers',
  scorecards: '/suppliers/scorecards',
  purchaseOrders: '/purchase-orders',
  purchaseOrder: (id: number) => `/purchase-orders/${id}`,
  sendPurchaseOrder: (id: number) => `/purchase-orders/${id}/send`,
  receivePurchaseOrder: (id: number) => `/purchase-orders/${id}/receipts`,
  cancelPurchaseOrder: (id: number) => `/purchase-orders/${id}/cancel`,
  purchaseOrderLines: (id: number) => `/purchase-orders/${id}/lines`,
  purchaseOrderLine: (id: number, lineId: number) => `/purchase-orders/${id}/lines/${lineId}`,
  importPurchaseOrders: '/purchase-orders/import',
  itemSuppliers: '/item-suppliers',
  supplierItems: (code: string) => `/suppliers/${encodeURIComponent(code)}/items`,
  supplierItem: (code: string, sku: string) => `/suppliers/${encodeURIComponent(code)}/items/${encodeURIComponent(sku)}`,
  replenishment: '/replenishment',
  forecasts: '/forecasts',
  draftPurchaseOrders: '/replenishment/draft-purchase-orders',
  forecast: (sku: string) => `/items/${encodeURIComponent(sku)}/forecast`,
  demand: (sku: string) => `/items/${encodeURIComponent(sku)}/demand`,
  itemPlan: (sku: string) => `/replenishment/${encodeURIComponent(sku)}`,
  simulations: '/simulations',
  webhooks: '/webhooks/endpoints',
  webhook: (id: number) => `/webhooks/endpoints/${id}`,
  deliveries: '/webhooks/deliveries',
  deadLetters: '/webhooks/dead-letters',
  replay: '/webhooks/dead-letters/replay',
  subscriptions: '/subscriptions',
} as const;
