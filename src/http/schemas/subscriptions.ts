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
  status: Type.Literal('active', { description: 'the address is on the list for the item' }),
  merged: Type.Literal(true, {
    description: 'this address was already on the list for this item, so no second subscription was made: the request was counted into the existing one, which keeps its place and gets one e-mail. Its id, date and unsubscribe token are not repeated here (only the 201 that created it carries them)',
  }),
  message: Type.String({ description: 'the same in a sentence a storefront may show the customer' }),
}, { title: 'SubscribeMerged' });

export const SubscriptionQuery = Type.Object({ sku: Type.Optional(Sku), status: Type.Optional(Status), ...PageQuery }, { additionalProperties: false });
export const SubscriptionPage = PageOf(Subscription);

export const TokenQuery = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100, description: 'from the link in the e-mail' }) }, { additionalProperties: false });
