/**
 * The policy kinds the simulation form offers, typed more closely than the OpenAPI document
 * (which gives `kind` as any string) so the form can only build policies the API accepts.
 */
export type SimulationPolicy =
  | { readonly kind: 's-Q'; readonly reorderPoint: number; readonly orderQuantity: number; readonly reviewPeriod?: number }
  | { readonly kind: 's-S'; readonly reorderPoint: number; readonly orderUpTo: number; readonly reviewPeriod?: number }
  | { readonly kind: 'min-max'; readonly min: number; readonly max: number; readonly reviewPeriod?: number }
  | { readonly kind: 'R-S'; readonly reviewPeriod: number; readonly orderUpTo: number }
  | { readonly kind: 'current' };
