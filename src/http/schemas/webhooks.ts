import { Type } from '@fastify/type-provider-typebox';
import { EVENT_TYPES } from '../../app/communication/event-types.js';
import { Id, Instant, List, Nullable, PageOf, PageQuery, Text } from './common.js';

const EventFilter = Type.String({ pattern: '^[a-z_]+(\\.[a-z_]+|\\.\\*)$', description: `an event type (${EVENT_TYPES.join(', ')}) or a family such as order.*` });
const Url = Type.String({ minLength: 1, maxLength: 2000, description: 'http or https; private and loopback addresses are refused unless the server allows them' });
const Secret = Type.String({ minLength: 16, maxLength: 200, description: 'signs every delivery (HMAC-SHA256); generated when omitted' });

export const EndpointCreate = Type.Object(
  {
    url: Url,
    secret: Type.Optional(Secret),
    eventTypes: Type.Optional(Type.Array(EventFilter, { maxItems: 50, description: 'empty or omitted: every event type' })),
    description: Type.Optional(Nullable(Text(500))),
  },
  { additionalProperties: false },
);

export const EndpointPatch = Type.Object(
  {
    url: Type.Optional(Url),
    secret: Type.Optional(Secret),
    eventTypes: Type.Optional(Type.Array(EventFilter, { maxItems: 50 })),
    description: Type.Optional(Nullable(Text(500))),
    active: Type.Optional(Type.Boolean({
      description: 'true re-enables an endpoint switched off after failures, which then gets the events held for it meanwhile; false switches it off: it gets no events until switched on again',
    })),
  },
  { additionalProperties: false },
);

const endpointFields = {
  id: Type.Integer(),
  url: Type.String(),
  eventTypes: List(Type.String()),
  description: Nullable(Type.String()),
  active: Type.Boolean(),
  failureStreak: Type.Integer({ description: 'failed attempts since the last success' }),
  disabledReason: Nullable(Type.String()),
  createdAt: Instant,
  updatedAt: Instant,
};

export const Endpoint = Type.Object({ ...endpointFields, secretHint: Type.String({ description: 'the last characters of the secret' }) }, { title: 'WebhookEndpoint' });
export const CreatedEndpoint = Type.Object({ ...endpointFields, secret: Type.String({ description: 'shown only now: keep it to verify Restock-Signature' }) }, { title: 'CreatedWebhookEndpoint' });
export const EndpointList = Type.Object({ items: List(Endpoint) });

export const Delivery = Type.Object({
  id: Type.Integer(),
  target: Type.String({ description: 'webhook:<endpoint id>, email or subscriptions' }),
  endpointId: Nullable(Type.Integer()),
  eventSeq: Type.Integer({ description: 'the event (Restock-Event-Id)' }),
  eventType: Type.String(),
  subject: Type.String({ description: '<type>:<id>; a subject\'s events are delivered in order' }),
  status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('dead')]),
  attempts: Type.Integer(),
  nextAttemptAt: Instant,
  lastError: Nullable(Type.String({
    description: 'the last failure; or a note on how it went or why it waits (\'sent to 1 recipient(s)\', \'not sent yet: no SMTP server is configured …\', \'not sent: it waited 9 days …\')',
  })),
  lastStatus: Nullable(Type.Integer({ description: 'the receiver\'s last HTTP status' })),
  createdAt: Instant,
  updatedAt: Instant,
  deliveredAt: Nullable(Instant),
}, { title: 'Delivery' });

export const DeliveryPage = PageOf(Delivery);

export const DeliveryQuery = Type.Object(
  {
    endpointId: Type.Optional(Id),
    status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('dead')])),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const DeadLetterQuery = Type.Object({ endpointId: Type.Optional(Id), ...PageQuery }, { additionalProperties: false });

export const Replay = Type.Object(
  {
    ids: Type.Optional(Type.Array(Id, {
      minItems: 1, maxItems: 10_000,
      description: 'dead deliveries to send again; an id of no delivery answers 404, one that is not dead 409, naming them, and nothing is replayed',
    })),
    endpointId: Type.Optional(Id),
  },
  { additionalProperties: false, description: 'ids, or every dead letter of an endpoint, or ({}) every dead letter; not ids and endpointId together' },
);

export const Replayed = Type.Object({ replayed: Type.Integer() });

export const Removed = Type.Object({ id: Type.Integer() });
