import { describeError } from '../api/describe-error';
import { ActionStatus } from './action-status';
import type { FormCheck } from './use-form-check';

/** A form that calls no action: only its own refusals show. */
const NOTHING_DONE = { error: null, done: null };

/**
 * The outcome of a form's last submit, one message at a time: its own refusal, or the API's
 * error, or what it did. The error text carries the id the invalid field is described by.
 * `inline` is the one-line form for a compact control inside a row.
 */
export function FormStatus({ form, action = NOTHING_DONE, inline = false }: { readonly form: FormCheck; readonly action?: { readonly error: unknown; readonly done: string | null }; readonly inline?: boolean }) {
  if (inline) {
    const words = action.error ? describeError(action.error) : null;
    const message = form.refusal?.message ?? (words ? `${words.title}: ${words.detail}` : null);
    if (message) return <span id={form.errorId} role="alert" className="small" style={{ color: 'var(--bad)' }}>{message}</span>;
    return action.done ? <span role="status" className="small muted">{action.done}</span> : null;
  }
  const { refusal } = form;
  if (refusal?.detail !== undefined) {
    return (
      <div id={form.errorId} className="notice notice-error" role="alert">
        <strong>{refusal.message}</strong>
        <p>{refusal.detail}</p>
      </div>
    );
  }
  if (refusal) return <p id={form.errorId} className="notice notice-error" role="alert">{refusal.message}</p>;
  return <ActionStatus action={action} errorId={form.errorId} />;
}
