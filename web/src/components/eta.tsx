import { formatDate, relativeDays } from '../format';

/** A promise date with how far away it is, and "estimated" when no purchase order's own date backs it. */
export function Eta({ date, estimated, waiting = false }: { readonly date: string | null; readonly estimated: boolean; readonly waiting?: boolean }) {
  // Units waiting without a date: only an item nobody restocks (discontinued) leaves them so, until
  // a purchase order covers them. Said in words, so the desk does not read a blank as "soon".
  if (!date && waiting) return <span className="muted" data-eta="none" title="No purchase order covers these units and the item is not restocked (discontinued): order stock for them, or cancel them.">No date</span>;
  if (!date) return <span className="muted">—</span>;
  return (
    <span className="eta" data-eta={date} title={estimated ? 'Estimated: no open purchase order covers this yet (today + lead time), or the one that does is overdue (a week from today).' : 'Backed by an open purchase order’s expected date.'}>
      {formatDate(date)} <span className="small muted">({relativeDays(date)}{estimated ? ', estimated' : ''})</span>
    </span>
  );
}
