import { formatDate } from '../format';

export type ItemStatus = 'in_stock' | 'low_stock' | 'backorder' | 'out_of_stock';

const LOOK: Record<ItemStatus, { label: string; icon: string; meaning: string }> = {
  in_stock: { label: 'In stock', icon: '●', meaning: 'In stock: available is above the low-stock threshold.' },
  low_stock: { label: 'Low stock', icon: '◐', meaning: 'Low stock: some units available, at or below the low-stock threshold.' },
  backorder: { label: 'Backorder', icon: '◷', meaning: 'Backorder: nothing available, but orders are still accepted and wait in the queue until stock arrives.' },
  out_of_stock: { label: 'Out of stock', icon: '✕', meaning: 'Out of stock: nothing available and no orders accepted (backorders not allowed, limit reached, or discontinued).' },
};

/**
 * The status a buyer sees (SPEC §2), with a distinct colour, symbol and wording so that
 * "can order, ships later" (backorder) never looks like "cannot order" (out of stock).
 */
export function StatusBadge({ status, eta }: { readonly status: string; readonly eta?: string | null | undefined }) {
  const look = LOOK[status as ItemStatus] ?? { label: status, icon: '?', meaning: status };
  const detail = status === 'backorder' ? (eta ? `ships by ${formatDate(eta)}` : 'orders accepted') : status === 'out_of_stock' ? 'cannot be ordered' : null;
  return (
    <span className={`badge badge-${status}`} title={look.meaning} data-status={status}>
      <span aria-hidden="true">{look.icon}</span> {look.label}
      {detail ? <span className="badge-detail"> — {detail}</span> : null}
    </span>
  );
}

export const STATUS_OPTIONS: readonly { readonly value: ItemStatus; readonly label: string }[] = [
  { value: 'in_stock', label: 'In stock' },
  { value: 'low_stock', label: 'Low stock' },
  { value: 'backorder', label: 'Backorder (orders accepted)' },
  { value: 'out_of_stock', label: 'Out of stock (not orderable)' },
];
