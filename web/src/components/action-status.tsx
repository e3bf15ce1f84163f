import { ErrorNotice, SuccessNotice } from './notices';

/** The outcome of the last action of a form: its error in words (with `errorId` as its id, if given), or what it did. */
export function ActionStatus({ action, errorId }: { readonly action: { readonly error: unknown; readonly done: string | null }; readonly errorId?: string }) {
  if (action.error) return <ErrorNotice error={action.error} id={errorId} />;
  return action.done ? <SuccessNotice>{action.done}</SuccessNotice> : null;
}
