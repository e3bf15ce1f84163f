import { useState, type FormEvent } from 'react';
import { ApiError } from './api/client';
import { describeError } from './api/describe-error';
import { checkKey } from './api/who-am-i';
import { FormStatus } from './components/form-status';
import { useFormCheck, type Refusal } from './components/use-form-check';
import { saveSession, type Session } from './session';

/**
 * Asks for an API key, checks it against the server before keeping it, and says in words why
 * a key was refused (unknown or revoked: 401; a role without dashboard access: 403).
 */
export function SignIn({ onSignedIn, notice }: { readonly onSignedIn: (session: Session) => void; readonly notice?: string | null }) {
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormCheck();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const apiKey = key.trim();
    if (!form.check(apiKey ? null : { field: 'apiKey', message: 'Enter an API key', detail: 'Paste the key an administrator gave you (it starts with rk_).' })) return;
    setBusy(true);
    try {
      const session = { apiKey, ...(await checkKey(apiKey)) };
      saveSession(session);
      onSignedIn(session);
    } catch (error) {
      form.check(explain(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <main className="sign-in" id="main">
      <form ref={form.ref} onSubmit={submit} className="card sign-in-card" aria-labelledby="sign-in-title" noValidate>
        <h1 id="sign-in-title">Restock</h1>
        <p className="muted">Backorders, stock and purchasing for the operations team.</p>
        {notice ? <div className="notice notice-warn" role="status">{notice}</div> : null}
        <label htmlFor="api-key">API key</label>
        <input id="api-key" name="api-key" type="password" autoComplete="off" spellCheck={false} {...form.marks('apiKey', 'api-key-help')} value={key} onChange={(e) => setKey(e.target.value)} />
        <p id="api-key-help" className="muted small">Kept in this browser tab only, until you sign out or close the tab.</p>
        <FormStatus form={form} />
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Checking…' : 'Sign in'}</button>
      </form>
    </main>
  );
}

/** Why the key was refused, in words; every refusal here is about the one field, the key. */
function explain(error: unknown): Refusal {
  if (error instanceof ApiError && error.status === 401) {
    return { field: 'apiKey', message: 'This key was not accepted', detail: 'The server does not know this key, or it has been revoked. Check for a typing mistake, or ask an administrator for a new key.' };
  }
  if (error instanceof ApiError && error.status === 403) {
    return { field: 'apiKey', message: 'This key may not use the dashboard', detail: 'Its role only allows storefront calls. Ask an administrator for a viewer, operator or admin key.' };
  }
  const words = describeError(error);
  return { field: 'apiKey', message: words.title, detail: words.detail };
}
