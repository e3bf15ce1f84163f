import { useState, type FormEvent } from 'react';
import { useIsAdmin } from '../api/permissions';
import { ApiError, api } from '../api/client';
import type { ApiKey, CreatedKey } from '../api/types';
import { useAction } from '../api/use-action';
import { useResource } from '../api/use-resource';
import { ActionStatus } from '../components/action-status';
import { Th } from '../components/figure';
import { FormStatus } from '../components/form-status';
import { LocationsPanel } from '../components/locations-panel';
import { EmptyState } from '../components/notices';
import { ResourceView } from '../components/resource-view';
import { useFormCheck } from '../components/use-form-check';
import { formatDateTime } from '../format';
import type { Session } from '../session';

const ROLES = [
  { value: 'viewer', label: 'viewer — reads everything, changes nothing' },
  { value: 'operator', label: 'operator — everything but API keys' },
  { value: 'storefront', label: 'storefront — availability, orders, subscriptions' },
  { value: 'admin', label: 'admin — everything, including API keys' },
] as const;

/**
 * Locations (everyone reads; operators and admins change them) and API keys (admin only: create
 * one, its secret shown once, see who has which role, revoke; revoking the key the dashboard is
 * signed in with warns first and then signs out).
 */
export function SettingsPage({ session, onSignOut }: { readonly session: Session; readonly onSignOut: (why: string) => void }) {
  const [version, setVersion] = useState(0);
  // Only admin keys may list keys: others are told so without a request the server must refuse.
  const isAdmin = useIsAdmin();
  const keys = useResource<{ items: readonly ApiKey[] }>(isAdmin ? '/keys' : null, {}, version);
  const forbidden = !isAdmin || (keys.state === 'failed' && keys.error instanceof ApiError && keys.error.status === 403);
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <h2>Locations</h2>
      <LocationsPanel />
      <h2>API keys</h2>
      {forbidden ? (
        <EmptyState title="Only admin keys can manage API keys">
          <p>You are signed in with {/^[aeiou]/.test(session.role ?? 'n') ? 'an' : 'a'} {session.role ?? 'non-admin'} key. Ask an administrator to create or revoke keys, or sign in with an admin key.</p>
        </EmptyState>
      ) : (
        <>
          <CreateKey onCreated={() => setVersion((v) => v + 1)} />
          <ResourceView resource={keys} feature="API keys">
            {(list) => (
              <KeyTable keys={list.items} ownKeyId={session.keyId} onChanged={() => setVersion((v) => v + 1)}
                onRevokedOwn={() => onSignOut('You revoked the key you were signed in with. Sign in with another key.')} />
            )}
          </ResourceView>
        </>
      )}
    </section>
  );
}

function CreateKey({ onCreated }: { readonly onCreated: () => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState('viewer');
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const action = useAction();
  const form = useFormCheck(action);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.check(name.trim() === '' ? { field: 'name', message: 'Name the key after who or what will use it, e.g. “storefront production”.' } : null)) return;
    const key = await action.run(() => api.post<CreatedKey>('/keys', { name: name.trim(), role }), (k) => `Key “${k.name}” created.`);
    if (key) {
      setCreated(key);
      setName('');
      onCreated();
    }
  }
  return (
    <form ref={form.ref} className="card" onSubmit={submit} aria-labelledby="new-key-title" noValidate style={{ marginBottom: '1rem' }}>
      <h3 id="new-key-title">Create a key</h3>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="key-name">Name (who or what uses it)</label>
          <input id="key-name" required maxLength={100} {...form.marks('name')} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. storefront production" />
        </div>
        <div className="field">
          <label htmlFor="key-role">Role</label>
          <select id="key-role" {...form.marks('role')} value={role} onChange={(e) => setRole(e.target.value)}>
            {ROLES.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
          </select>
        </div>
        <div><button type="submit" className="primary" disabled={action.busy}>Create key</button></div>
      </div>
      <FormStatus form={form} action={action} />
      {created ? (
        <div className="notice notice-warn" role="status">
          <strong>Copy this key now: it is shown only once.</strong>
          <code className="secret" data-testid="new-secret">{created.key}</code>
        </div>
      ) : null}
    </form>
  );
}

function KeyTable({ keys, ownKeyId, onChanged, onRevokedOwn }: {
  readonly keys: readonly ApiKey[];
  readonly ownKeyId: number | null;
  readonly onChanged: () => void;
  readonly onRevokedOwn: () => void;
}) {
  const action = useAction();
  async function revoke(key: ApiKey) {
    const own = key.id === ownKeyId;
    const question = own
      ? `Revoke key “${key.name}”? It is the key this dashboard is signed in with: you will be signed out at once and need another key to sign in again.`
      : `Revoke key “${key.name}”? Every request with it will be refused from now on.`;
    if (!window.confirm(question)) return;
    const done = await action.run(() => api.delete(`/keys/${key.id}`), () => `Key “${key.name}” revoked.`);
    if (done === undefined) return;
    // Its own key revoked, the dashboard signs out before asking anything more with it (every answer would be a 401).
    if (own) onRevokedOwn();
    else onChanged();
  }
  if (keys.length === 0) return <EmptyState title="No keys yet"><p>Create one above.</p></EmptyState>;
  return (
    <>
      <ActionStatus action={action} />
      <div className="table-wrap">
        <table className="table-stack">
          <caption className="sr-only">API keys</caption>
          <thead><tr><Th>Name</Th><Th>Role</Th><Th>Created</Th><Th>State</Th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id}>
                <td data-label="Name">{k.name}{k.id === ownKeyId ? <div className="small muted">this dashboard is signed in with it</div> : null}</td>
                <td data-label="Role"><span className="pill">{k.role}</span></td>
                <td className="small" data-label="Created">{formatDateTime(k.createdAt)}</td>
                <td data-label="State">{k.revokedAt ? <span className="muted">revoked {formatDateTime(k.revokedAt)}</span> : 'active'}</td>
                <td>{k.revokedAt ? null : <button type="button" className="danger" onClick={() => revoke(k)} disabled={action.busy} aria-label={`Revoke key ${k.name}`}>Revoke</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
