/**
 * The API shapes the dashboard reads, taken from the OpenAPI document: schema.d.ts is generated
 * by `npm run gen:api`, so a change of the API's schemas shows up here as a type error.
 */
import type { paths } from './schema';

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
/** The JSON body of an operation's success answer (200 or 201). */
export type Answer<Op> = Op extends { responses: { 200: infer R } } ? Json<R> : Op extends { responses: { 201: infer R } } ? Json<R> : never;
/** The JSON body an operation takes. */
export type Body<Op> = Op extends { requestBody?: { content: { 'application/json': infer T } } } ? T : never;
type Element<L> = L extends { readonly items: readonly (infer I)[] } ? I : never;

export interface Page<T> { readonly items: readonly T[]; readonly nextCursor: string | null }

export type Item = Answer<paths['/api/v1/items/{sku}']['get']>;
/** The answer of a change of an item: the item, and what its changer should know (e.g. customers still waiting). */
export type ChangedItem = Answer<paths['/api/v1/items/{sku}']['patch']>;
export type BackordersCancelled = Answer<paths['/api/v1/items/{sku}/backorders/cancel']['post']>;
export type ItemStatusName = Item['status'];
export type ItemAvailability = Element<Answer<paths['/api/v1/availability']['get']>>;
export type StockLevel = Element<Answer<paths['/api/v1/stock']['get']>>;
export type Location = Element<Answer<paths['/api/v1/locations']['get']>>;
export type ChangedLocation = Answer<paths['/api/v1/locations/{code}']['patch']>;
export type Movement = Element<Answer<paths['/api/v1/stock/movements']['get']>>;
export type Backorder = Element<Answer<paths['/api/v1/backorders']['get']>>;
export type Order = Answer<paths['/api/v1/orders/{id}']['get']>;
export type OrderLine = Order['lines'][number];
export type Customer = Order['customer'];
export type ApiKey = Element<Answer<paths['/api/v1/keys']['get']>>;
export type CreatedKey = Answer<paths['/api/v1/keys']['post']>;
export type StoredEvent = Element<Answer<paths['/api/v1/events']['get']>>;

/** The JSON form of the report (the route also answers CSV with ?format=csv). */
export type KpiReport = Exclude<Answer<paths['/api/v1/kpis']['get']>, string>;
export type AgeBucket = keyof KpiReport['overall']['backordersWaitingByAge'];
export type Supplier = Element<Answer<paths['/api/v1/suppliers']['get']>>;
export type SupplierScorecard = Element<Answer<paths['/api/v1/suppliers/scorecards']['get']>>;
export type PurchaseOrder = Answer<paths['/api/v1/purchase-orders/{id}']['get']>;
export type PurchaseOrderLine = PurchaseOrder['lines'][number];
export type ItemSupplier = Element<Answer<paths['/api/v1/item-suppliers']['get']>>;
export type ImportedPurchaseOrders = Answer<paths['/api/v1/purchase-orders/import']['post']>;
export type ItemImportReport = Answer<paths['/api/v1/items/import']['post']>;
export type StockImportReport = Answer<paths['/api/v1/stock/import']['post']>;
export type DemandImportReport = Answer<paths['/api/v1/demand/import']['post']>;
export type WebhookEndpoint = Element<Answer<paths['/api/v1/webhooks/endpoints']['get']>>;
export type CreatedWebhookEndpoint = Answer<paths['/api/v1/webhooks/endpoints']['post']>;
export type Delivery = Element<Answer<paths['/api/v1/webhooks/deliveries']['get']>>;
export type Subscription = Element<Answer<paths['/api/v1/subscriptions']['get']>>;
export type DemandHistory = Answer<paths['/api/v1/items/{sku}/demand']['get']>;
export type Forecast = Answer<paths['/api/v1/items/{sku}/forecast']['get']>;
export type ReplenishmentList = Answer<paths['/api/v1/replenishment']['get']>;
export type Suggestion = Element<ReplenishmentList>;
export type ItemPlan = Answer<paths['/api/v1/replenishment/{sku}']['get']>;
export type DraftResult = Answer<paths['/api/v1/replenishment/draft-purchase-orders']['post']>;
export type SimulationRequest = Body<paths['/api/v1/simulations']['post']>;
export type Simulation = Answer<paths['/api/v1/simulations']['post']>;
export type SimulationOutcome = Simulation['results'][number];
