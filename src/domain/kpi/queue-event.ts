/**
 * A change, read from the ledger, to the units of one order line waiting in its item's queue:
 * units allocated to it from the queue (`filled`), units a stock count took back into the queue
 * (`returned`), or waiting units the customer cancelled. `units` is always positive.
 */
export interface QueueEvent {
  readonly at: string;
  readonly kind: 'filled' | 'returned' | 'cancelled';
  readonly units: number;
}
