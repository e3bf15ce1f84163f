import { useState, type FormEvent } from 'react';
import { ApiError } from './api/client';
import { describeError } from './api/describe-error';
import { checkKey } from './api/who-am-i';
import { saveSession, type Session } from './session';

/**
 * Asks for an API key, checks it against the server before keeping it, and says in words why
 * a key was refused (unknown or revoked: 401; a role without dashboard access: 403).
 */
export function SignIn({ onSignedIn, notice }: { readonly onSignedIn: (session: Session) => void; readonly notice?: string | null }) {
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ title: string; detail: string } | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const apiKey = key.trim();
    if (!apiKey) {
      setProblem({ title: 'Enter an API key', detail: 'Paste the key an administrator gave you (it starts with rk_).' });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const role = await checkKey(apiKey);
      const session = { apiKey, role };
      saveSession(session);
      onSignedIn(session);
    } catch (error) {
      setProblem(explain(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <main className="sign-in" id="main">
      <form onSubmit={submit} className="card sign-in-card" aria-labelledby="sign-in-title" noValidate>
        <h1 id="sign-in-title">Restock</h1>
        <p className="muted">Backorders, stock and purchasing for the operations team.</p>
        {notice ? <div className="notice notice-warn" role="status">{notice}</div> : null}
        <label htmlFor="api-key">API key</label>
        <input id="api-key" name="api-key" type="password" autoComplete="off" spellCheck={false} value={key} onChange={(e) => setKey(e.target.value)} aria-describedby="api-key-help" aria-invalid={problem ? true : undefined} />
        <p id="api-key-help" className="muted small">Kept in this browser tab only, until you sign out or close the tab.</p>
        {problem ? (
          <div className="notice notice-error" role="alert">
            <strong>{problem.title}</strong>
            <p>{problem.detail}</p>
          </div>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Checking…' : 'Sign in'}</button>
      </form>
    </main>
  );
}

function explain(error: unknown): { title: string; detail: string } {
  if (error instanceof ApiError && error.status === 401) {
    return { title: 'This key was not accepted', detail: 'The server does not know this key, or it has been revoked. Check for a typing mistake, or ask an administrator for a new key.' };
  }
  if (error instanceof ApiError && error.status === 403) {
    return { title: 'This key may not use the dashboard', detail: 'Its role only allows storefront calls. Ask an administrator for a viewer, operator or admin key.' };
  }
  const words = describeError(error);
  return { title: words.title, detail: words.detail };
}
