import { Type } from '@fastify/type-provider-typebox';
import { Instant, Nullable, PageOf, PageQuery, Sku } from './common.js';

const Status = Type.Union([Type.Literal('active'), Type.Literal('notified'), Type.Literal('unsubscribed')]);

export const SubscriptionCreate = Type.Object(
  { sku: Sku, email: Type.String({ minLength: 3, maxLength: 320, description: 'where to send the back-in-stock notice' }) },
  { additionalProperties: false },
);

export const Subscription = Type.Object({
  id: Type.Integer(),
  sku: Type.String(),
  email: Type.String(),
  status: Status,
  requests: Type.Integer({ description: 'times this address asked; duplicates merge into one subscription' }),
  createdAt: Instant,
  notifiedAt: Nullable(Instant),
  unsubscribedAt: Nullable(Instant),
}, { title: 'Subscription' });

export const SubscribeResult = Type.Object({
  ...Subscription.properties,
  merged: Type.Literal(false, { description: 'a new subscription (a repeat answers 200)' }),
  unsubscribeToken: Type.String({ description: "lets the customer stop waiting before any notice (POST /subscriptions/unsubscribe?token=…); give it only to them" }),
});

export const SubscribeMerged = Type.Object({
  sku: Type.String(),
  email: Type.String({ description: 'as sent' }),
  status: Type.Literal('active'),
  merged: Type.Literal(true, {
    description: 'the address already waits for this item; the request was counted into that subscription, whose id, dates, count and unsubscribe token are not told (they are the first subscriber\'s)',
  }),
}, { title: 'SubscribeMerged' });

export const SubscriptionQuery = Type.Object({ sku: Type.Optional(Sku), status: Type.Optional(Status), ...PageQuery }, { additionalProperties: false });
export const SubscriptionPage = PageOf(Subscription);

export const TokenQuery = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100, description: 'from the link in the e-mail' }) }, { additionalProperties: false });
