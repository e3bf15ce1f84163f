import type { Customer } from '../api/types';

/** The customer as people know them: name, else e-mail, else their id, else "—". */
export function CustomerName({ customer }: { readonly customer: Customer }) {
  const main = customer.name ?? customer.email ?? customer.id;
  if (!main) return <span className="muted">—</span>;
  const extra = customer.name && customer.email ? customer.email : null;
  return (
    <span>
      {main}
      {extra ? <span className="small muted"> · {extra}</span> : null}
    </span>
  );
}
