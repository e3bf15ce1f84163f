import { useState, type FormEvent } from 'react';
import { useMayChange } from '../api/permissions';
import { api } from '../api/client';
import { ROUTES } from '../api/routes';
import type { CreatedWebhookEndpoint, Delivery, Page, Subscription, WebhookEndpoint } from '../api/types';
import { useAction } from '../api/use-action';
import { useResource } from '../api/use-resource';
import { ActionStatus } from '../components/action-status';
import { Th } from '../components/figure';
import { FormStatus } from '../components/form-status';
import { EmptyState } from '../components/notices';
import { Pager, useCursorPages } from '../components/pager';
import { ResourceView } from '../components/resource-view';
import { useFormCheck } from '../components/use-form-check';
import { formatDateTime } from '../format';
import { href } from '../router';

/** Webhook endpoints, their deliveries and dead letters (with replay), and back-in-stock subscriptions. */
export function NotificationsPage() {
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);
  return (
    <section aria-labelledby="notifications-title">
      <h1 id="notifications-title">Notifications</h1>
      <h2>Webhook endpoints</h2>
      <Endpoints version={version} onChanged={refresh} />
      <h2>Deliveries</h2>
      <Deliveries version={version} onChanged={refresh} />
      <h2>Back-in-stock subscriptions</h2>
      <Subscriptions version={version} />
    </section>
  );
}

function Endpoints({ version, onChanged }: { readonly version: number; readonly onChanged: () => void }) {
  const mayChange = useMayChange();
  const endpoints = useResource<{ items: readonly WebhookEndpoint[] }>(ROUTES.webhooks, {}, version);
  const action = useAction();
  async function setActive(endpoint: WebhookEndpoint, active: boolean) {
    const done = await action.run(() => api.patch(ROUTES.webhook(endpoint.id), { active }), () => `${endpoint.url} ${active ? 'enabled' : 'disabled'}.`);
    if (done !== undefined) onChanged();
  }
  async function remove(endpoint: WebhookEndpoint) {
    if (!window.confirm(`Delete the endpoint ${endpoint.url}? It will receive no more events.`)) return;
    const done = await action.run(() => api.delete(ROUTES.webhook(endpoint.id)), () => `${endpoint.url} deleted.`);
    if (done !== undefined) onChanged();
  }
  return (
    <ResourceView resource={endpoints} feature="Webhook endpoints">
      {(list) => (
        <>
          {mayChange ? <NewEndpoint onCreated={onChanged} /> : null}
          <ActionStatus action={action} />
          {list.items.length === 0 ? (
            <EmptyState title="No webhook endpoint yet"><p>Add your storefront’s or ERP’s URL above to receive order, backorder and stock events, signed with HMAC-SHA256.</p></EmptyState>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="sr-only">Webhook endpoints</caption>
                <thead><tr><Th>URL</Th><Th>Events</Th><Th>State</Th><Th definition="failureStreak" className="num">Failures in a row</Th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
                <tbody>
                  {list.items.map((e) => (
                    <tr key={e.id}>
                      <td className="mono" style={{ wordBreak: 'break-all' }}>{e.url}{e.description ? <div className="small muted">{e.description}</div> : null}</td>
                      <td className="small">{e.eventTypes.length === 0 ? 'every event' : e.eventTypes.join(', ')}</td>
                      <td>{e.active ? 'active' : <span title={e.disabledReason ?? undefined}>disabled{e.disabledReason ? `: ${e.disabledReason}` : ''}</span>}</td>
                      <td className="num">{e.failureStreak}</td>
                      <td className="actions">
                        {mayChange ? (
                          <>
                            <button type="button" onClick={() => setActive(e, !e.active)} disabled={action.busy}>{e.active ? 'Disable' : 'Enable'}</button>
                            <button type="button" className="danger" onClick={() => remove(e)} disabled={action.busy} aria-label={`Delete endpoint ${e.url}`}>Delete</button>
                          </>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </ResourceView>
  );
}

function NewEndpoint({ onCreated }: { readonly onCreated: () => void }) {
  const [url, setUrl] = useState('');
  const [types, setTypes] = useState('');
  const [description, setDescription] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const action = useAction();
  const form = useFormCheck(action);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.check(url.trim() === '' ? { field: 'url', message: 'Give the https URL the events are to be sent to.' } : null)) return;
    const eventTypes = types.split(',').map((t) => t.trim()).filter((t) => t !== '');
    const created = await action.run(
      () => api.post<CreatedWebhookEndpoint>(ROUTES.webhooks, { url: url.trim(), eventTypes, ...(description.trim() ? { description: description.trim() } : {}) }),
      (e) => `Endpoint ${e.url} added.`,
    );
    if (created) {
      setSecret(created.secret);
      setUrl('');
      setTypes('');
      setDescription('');
      onCreated();
    }
  }
  return (
    <form ref={form.ref} className="card" onSubmit={submit} aria-labelledby="new-endpoint-title" noValidate style={{ marginBottom: '0.75rem' }}>
      <h3 id="new-endpoint-title">Add an endpoint</h3>
      <div className="form-grid">
        <div className="field"><label htmlFor="wh-url">URL</label><input id="wh-url" type="url" required {...form.marks('url')} value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://shop.example.com/hooks/restock" /></div>
        <div className="field"><label htmlFor="wh-types">Event types (comma separated; empty = all)</label><input id="wh-types" {...form.marks('eventTypes')} value={types} onChange={(e) => setTypes(e.target.value)} placeholder="order.*, backorder.eta_changed" /></div>
        <div className="field"><label htmlFor="wh-description">Description</label><input id="wh-description" {...form.marks('description')} value={description} onChange={(e) => setDescription(e.target.value)} /></div>
        <div><button type="submit" className="primary" disabled={action.busy}>Add endpoint</button></div>
      </div>
      <FormStatus form={form} action={action} />
      {secret ? <div className="notice notice-warn" role="status"><strong>Signing secret (shown once):</strong><code className="secret">{secret}</code></div> : null}
    </form>
  );
}

function Deliveries({ version, onChanged }: { readonly version: number; readonly onChanged: () => void }) {
  const mayChange = useMayChange();
  const [status, setStatus] = useState('dead');
  const pages = useCursorPages(status);
  const deliveries = useResource<Page<Delivery>>(status === 'dead' ? ROUTES.deadLetters : ROUTES.deliveries, { status: status === 'dead' ? undefined : status || undefined, cursor: pages.cursor, limit: 25 }, version);
  const action = useAction();
  async function replay(ids?: readonly number[]) {
    const done = await action.run(() => api.post<{ replayed: number }>(ROUTES.replay, ids ? { ids } : {}), (r) => `${r.replayed} dead letter(s) queued to be sent again.`);
    if (done) onChanged();
  }
  return (
    <ResourceView resource={deliveries} feature="Webhook deliveries">
      {(page) => (
        <>
          <div className="toolbar">
            <div className="field">
              <label htmlFor="delivery-status">Show</label>
              <select id="delivery-status" value={status} onChange={(e) => setStatus(e.target.value)}>
                <option value="dead">Dead letters (gave up after the last retry)</option>
                <option value="pending">Pending (waiting or retrying)</option>
                <option value="delivered">Delivered</option>
                <option value="">All</option>
              </select>
            </div>
            {status === 'dead' && page.items.length > 0 && mayChange ? <button type="button" className="primary" onClick={() => replay()} disabled={action.busy}>Replay every dead letter</button> : null}
          </div>
          <ActionStatus action={action} />
          {page.items.length === 0 ? (
            <EmptyState title={status === 'dead' ? 'No dead letters' : 'No deliveries here'}>
              <p>{status === 'dead' ? 'Every event reached its endpoint or is still being retried.' : 'Deliveries appear once an endpoint subscribes to events that happen.'}</p>
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="sr-only">Webhook deliveries</caption>
                <thead><tr><Th>Event</Th><Th>Target</Th><Th>Status</Th><Th definition="attempts" className="num">Attempts</Th><Th>Last outcome</Th><Th>Updated</Th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
                <tbody>
                  {page.items.map((d) => (
                    <tr key={d.id}>
                      <td>{d.eventType}<div className="small muted">{d.subject} · #{d.eventSeq}</div></td>
                      <td className="mono small" style={{ wordBreak: 'break-all' }}>{d.target}</td>
                      <td><span className="pill">{d.status}</span></td>
                      <td className="num">{d.attempts}</td>
                      {/* A delivered one keeps a note there (e.g. how many subscribers were told), not an error. */}
                      <td className="small">{d.status === 'delivered' ? <span className="muted">{d.lastError ?? 'delivered'}</span> : `${d.lastStatus ? `HTTP ${d.lastStatus} ` : ''}${d.lastError ?? ''}`}</td>
                      <td className="small">{formatDateTime(d.updatedAt)}</td>
                      <td>{d.status === 'dead' && mayChange ? <button type="button" onClick={() => replay([d.id])} disabled={action.busy} aria-label={`Replay delivery ${d.id}`}>Replay</button> : null}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager label="Deliveries" page={pages.page} nextCursor={page.nextCursor} onNext={pages.next} onPrevious={pages.previous} />
        </>
      )}
    </ResourceView>
  );
}

function Subscriptions({ version }: { readonly version: number }) {
  const pages = useCursorPages('subscriptions');
  const [ended, setEnded] = useState(0);
  const subscriptions = useResource<Page<Subscription>>(ROUTES.subscriptions, { limit: 100, cursor: pages.cursor ?? undefined }, version + ended);
  const mayChange = useMayChange();
  const action = useAction();
  // Staff end a subscription still waiting (a customer who asked by phone, an address that bounces).
  async function end(subscription: Subscription) {
    if (!window.confirm(`Stop waiting for ${subscription.sku} for ${subscription.email}? They will not be told when it is back.`)) return;
    const done = await action.run(() => api.delete<Subscription>(`${ROUTES.subscriptions}/${subscription.id}`), () => `${subscription.email} no longer waits for ${subscription.sku}.`);
    if (done) setEnded((n) => n + 1);
  }
  return (
    <ResourceView resource={subscriptions} feature="Back-in-stock subscriptions">
      {(list) =>
        list.items.length === 0 ? (
          <EmptyState title="Nobody has asked to be told about a restock"><p>Storefronts add subscriptions for out-of-stock items (“notify me”); they are told first come first served when stock arrives.</p></EmptyState>
        ) : (
          <div className="table-wrap">
            <ActionStatus action={action} />
            <table>
              <caption className="sr-only">Subscriptions</caption>
              <thead><tr><Th>Item</Th><Th>E-mail</Th><Th>Status</Th><Th definition="requests" className="num">Requests</Th><Th>Since</Th><Th>Notified</Th>{mayChange ? <th scope="col"><span className="sr-only">Actions</span></th> : null}</tr></thead>
              <tbody>
                {list.items.map((s) => (
                  <tr key={s.id}>
                    <td><a href={href(['items', s.sku])}>{s.sku}</a></td>
                    <td>{s.email}</td>
                    <td><span className="pill">{s.status}</span></td>
                    <td className="num">{s.requests}</td>
                    <td className="small">{formatDateTime(s.createdAt)}</td>
                    <td className="small">{formatDateTime(s.notifiedAt)}</td>
                    {mayChange ? (
                      <td>{s.status === 'active' ? <button type="button" onClick={() => void end(s)} disabled={action.busy} aria-label={`Stop ${s.email} waiting for ${s.sku}`}>Stop waiting</button> : null}</td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager label="Subscriptions" page={pages.page} nextCursor={list.nextCursor} onNext={pages.next} onPrevious={pages.previous} />
          </div>
        )
      }
    </ResourceView>
  );
}
