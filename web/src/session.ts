/**
 * The signed-in API key lives in sessionStorage: it survives a reload of the tab and is gone
 * when the tab closes, so a shared screen does not keep a key around.
 */
const KEY = 'restock.apiKey';
const KEY_ID = 'restock.keyId';
const ROLE = 'restock.role';

export interface Session {
  readonly apiKey: string;
  /** The key's id as the server reported it (GET /me), so the dashboard knows its own key among the keys; null if not known. */
  readonly keyId: number | null;
  /** The key's role as the server reported it, when it did (admin, operator, storefront, viewer). */
  readonly role: string | null;
}

/** The current session, or null when nobody has signed in in this tab. */
export function readSession(): Session | null {
  const apiKey = sessionStorage.getItem(KEY);
  const keyId = Number(sessionStorage.getItem(KEY_ID) ?? '');
  return apiKey ? { apiKey, keyId: Number.isSafeInteger(keyId) && keyId > 0 ? keyId : null, role: sessionStorage.getItem(ROLE) } : null;
}

/** Keeps the key (and its id and role, if known) for this tab. */
export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, session.apiKey);
  if (session.keyId !== null) sessionStorage.setItem(KEY_ID, String(session.keyId));
  else sessionStorage.removeItem(KEY_ID);
  if (session.role) sessionStorage.setItem(ROLE, session.role);
  else sessionStorage.removeItem(ROLE);
}

/** Forgets the key: every later request goes out unauthenticated until the next sign-in. */
export function clearSession(): void {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(KEY_ID);
  sessionStorage.removeItem(ROLE);
}
