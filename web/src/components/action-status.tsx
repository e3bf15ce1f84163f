import { ErrorNotice, SuccessNotice } from './notices';

/** The outcome of the last action of a form: its error in words, or what it did. */
export function ActionStatus({ action }: { readonly action: { readonly error: unknown; readonly done: string | null } }) {
  if (action.error) return <ErrorNotice error={action.error} />;
  return action.done ? <SuccessNotice>{action.done}</SuccessNotice> : null;
}
