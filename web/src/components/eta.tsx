import { formatDate, relativeDays } from '../format';

/** A promise date with how far away it is, and "estimated" when no purchase order's own date backs it. */
export function Eta({ date, estimated }: { readonly date: string | null; readonly estimated: boolean }) {
  if (!date) return <span className="muted">—</span>;
  return (
    <span className="eta" data-eta={date} title={estimated ? 'Estimated: no open purchase order covers this yet (today + lead time), or the one that does is overdue (a week from today).' : 'Backed by an open purchase order’s expected date.'}>
      {formatDate(date)} <span className="small muted">({relativeDays(date)}{estimated ? ', estimated' : ''})</span>
    </span>
  );
}
