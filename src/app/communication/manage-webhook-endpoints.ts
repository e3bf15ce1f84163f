import { randomBytes } from 'node:crypto';
import { recordSettingChange } from '../audit-trail.js';
import type { Store } from '../ports.js';
import { fail, invalid, ok, type Failure, type Result } from '../result.js';
import { checkKnownFields, checkText, firstFailure, isRecord } from '../validate.js';
import { checkWebhookUrl, type AddressPolicy } from './address-policy.js';
import { EVENT_FILTER_PATTERN, EVENT_TYPES, wantsEvent } from './event-types.js';
import type { NewWebhookEndpoint, WebhookEndpoint, WebhookEndpointPatch } from './ports.js';

/** An endpoint as listed: the secret is never shown again after creation, only its last characters. */
export interface WebhookEndpointView extends Omit<WebhookEndpoint, 'secret'> {
  readonly secretHint: string;
}

const MAX_FILTERS = 50;
/** The signing secret never enters the audit trail; delivery bookkeeping is not a setting. */
const ENDPOINT_AUDIT = { redact: ['secret'], ignore: ['failureStreak'] };

/** Registers a webhook endpoint; answers with its secret, which is shown this once. */
export async function createWebhookEndpoint(store: Store, input: unknown, policy: AddressPolicy, actor: string): Promise<Result<WebhookEndpoint>> {
  if (!isRecord(input)) return invalid('body', 'must be an object');
  const failure = firstFailure(
    checkKnownFields('', input, ['url', 'secret', 'eventTypes', 'description']),
    checkWebhookUrl('url', input['url'], policy),
    input['secret'] !== undefined ? checkSecret(input['secret']) : null,
    input['eventTypes'] !== undefined ? checkEventTypes(input['eventTypes']) : null,
    input['description'] !== undefined && input['description'] !== null ? checkText('description', input['description'], { max: 500, multiline: true }) : null,
  );
  if (failure) return failure;
  const endpoint: NewWebhookEndpoint = {
    url: input['url'] as string,
    secret: (input['secret'] as string | undefined) ?? `whsec_${randomBytes(32).toString('hex')}`,
    eventTypes: (input['eventTypes'] as string[] | undefined) ?? [],
    description: (input['description'] as string | null | undefined) ?? null,
  };
  return store.transaction(async (tx) => {
    const created = await tx.communication.insertEndpoint(endpoint);
    await recordSettingChange(tx, actor, { subjectType: 'webhook_endpoint', subjectKey: String(created.id), action: 'created', before: null, after: created }, ENDPOINT_AUDIT);
    return ok(created);
  });
}

/** Changes an endpoint; setting `active: true` re-enables an auto-disabled one with a fresh streak. */
export async function updateWebhookEndpoint(store: Store, id: number, input: unknown, policy: AddressPolicy, actor: string): Promise<Result<WebhookEndpointView>> {
  if (!isRecord(input)) return invalid('body', 'must be an object');
  const failure = firstFailure(
    checkKnownFields('', input, ['url', 'secret', 'eventTypes', 'description', 'active']),
    input['url'] !== undefined ? checkWebhookUrl('url', input['url'], policy) : null,
    input['secret'] !== undefined ? checkSecret(input['secret']) : null,
    input['eventTypes'] !== undefined ? checkEventTypes(input['eventTypes']) : null,
    input['description'] !== undefined && input['description'] !== null ? checkText('description', input['description'], { max: 500, multiline: true }) : null,
    input['active'] !== undefined && typeof input['active'] !== 'boolean' ? invalid('active', 'must be true or false') : null,
  );
  if (failure) return failure;
  const patch = input as WebhookEndpointPatch;
  return store.transaction(async (tx) => {
    const before = await tx.communication.findEndpoint(id);
    if (!before) return notFound(id);
    await tx.communication.updateEndpoint(id, patch);
    const after = (await tx.communication.findEndpoint(id)) as WebhookEndpoint;
    await recordSettingChange(tx, actor, { subjectType: 'webhook_endpoint', subjectKey: String(id), action: 'updated', before, after }, ENDPOINT_AUDIT);
    return ok(webhookEndpointView(after));
  });
}

/** Removes an endpoint and its delivery history. */
export async function deleteWebhookEndpoint(store: Store, id: number, actor: string): Promise<Result<{ id: number }>> {
  return store.transaction(async (tx) => {
    const before = await tx.communication.findEndpoint(id);
    if (!before) return notFound(id);
    await tx.communication.deleteEndpoint(id);
    await recordSettingChange(tx, actor, { subjectType: 'webhook_endpoint', subjectKey: String(id), action: 'deleted', before, after: null }, ENDPOINT_AUDIT);
    return ok({ id });
  });
}

/** One endpoint, without its secret, or NOT_FOUND. */
export async function getWebhookEndpoint(store: Store, id: number): Promise<Result<WebhookEndpointView>> {
  const endpoint = await store.read((tx) => tx.communication.findEndpoint(id));
  return endpoint ? ok(webhookEndpointView(endpoint)) : notFound(id);
}

/** Every endpoint in id order, without secrets. */
export async function listWebhookEndpoints(store: Store): Promise<Result<WebhookEndpointView[]>> {
  return ok((await store.read((tx) => tx.communication.listEndpoints())).map(webhookEndpointView));
}

/** Hides the secret of an endpoint. */
export function webhookEndpointView(endpoint: WebhookEndpoint): WebhookEndpointView {
  const { secret, ...rest } = endpoint;
  return { ...rest, secretHint: `…${secret.slice(-4)}` };
}

function notFound(id: number): Failure {
  return fail('NOT_FOUND', `no webhook endpoint with id ${id}`, { field: 'id' });
}

function checkSecret(value: unknown): Failure | null {
  if (typeof value !== 'string' || value.length < 16 || value.length > 200) return invalid('secret', 'must be 16–200 characters');
  return null;
}

function checkEventTypes(value: unknown): Failure | null {
  if (!Array.isArray(value)) return invalid('eventTypes', 'must be a list of event types');
  if (value.length > MAX_FILTERS) return invalid('eventTypes', `must have at most ${MAX_FILTERS} entries`);
  for (const [index, entry] of value.entries()) {
    const known = typeof entry === 'string' && EVENT_FILTER_PATTERN.test(entry) && EVENT_TYPES.some((type) => wantsEvent([entry], type));
    if (!known) return invalid(`eventTypes[${index}]`, `must be one of ${EVENT_TYPES.join(', ')}, or a family such as order.*`);
  }
  return null;
}
