import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listSubscriptions, subscriptionView } from '../../app/communication/list-subscriptions.js';
import { cancelSubscription } from '../../app/communication/cancel-subscription.js';
import { subscribe } from '../../app/communication/subscribe.js';
import { subscriptionOfLink, unsubscribe } from '../../app/communication/unsubscribe.js';
import { ERROR_STATUS, unwrap } from '../errors.js';
import { ErrorResponse, IdParams, responses } from '../schemas/common.js';
import { SubscribeMerged, SubscribeResult, Subscription, SubscriptionCreate, SubscriptionPage, SubscriptionQuery, TokenQuery } from '../schemas/subscriptions.js';

/**
 * Back-in-stock subscriptions ("notify me", SPEC §6): a storefront subscribes an address to an
 * item that is out of stock; staff list them (each one is demand that found nothing to buy).
 */
const subscriptionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const settings = app.communicationSettings;

  app.post('', {
    config: { permission: 'subscriptions:write' },
    schema: {
      tags: ['subscriptions'],
      summary: 'Subscribe an address to an out-of-stock item (201, with its unsubscribe token); an address already on the list for the item answers 200 and stays on it once',
      body: SubscriptionCreate, response: responses({ 200: SubscribeMerged, 201: SubscribeResult }),
    },
  }, async (request, reply) => {
    const outcome = unwrap(await subscribe(app.store, request.body, settings.subscriptions, settings.unsubscribeSecret));
    if (outcome.merged) return reply.code(200).send({ sku: outcome.sku, email: outcome.email, status: 'active' as const, merged: true as const, message: outcome.message });
    return reply.code(201).send({ ...subscriptionView(outcome.subscription), merged: false as const, unsubscribeToken: outcome.unsubscribeToken });
  });

  app.delete('/:id', {
    config: { permission: 'subscriptions:manage' },
    schema: { tags: ['subscriptions'], summary: 'End a subscription still waiting (staff): it is never notified', params: IdParams, response: responses({ 200: Subscription }) },
  }, async (request) => subscriptionView(unwrap(await cancelSubscription(app.store, request.params.id))));

  app.get('', {
    config: { permission: 'subscriptions:read' },
    schema: { tags: ['subscriptions'], summary: 'Subscriptions newest first', querystring: SubscriptionQuery, response: responses({ 200: SubscriptionPage }) },
  }, async (request) => unwrap(await listSubscriptions(app.store, request.query)));
};

const Html = Type.String({ description: 'a small HTML page for the browser that opened the link' });

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A small page for the browser that opened an unsubscribe link; `body` is HTML already escaped. */
function page(title: string, body: string): string {
  return `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title>${body}`;
}

const INVALID_LINK_PAGE = page('Link not valid', '<p>This unsubscribe link is not valid.</p>');

function unsubscribedPage(sku: string): string {
  return page('Unsubscribed', `<p>You will not get a back-in-stock e-mail for ${escape(sku)}.</p>`);
}

/**
 * The unsubscribe link of back-in-stock e-mails, outside the keyed API (`/unsubscribe?token=`):
 * whoever holds the signed token may end that one subscription, nothing else.
 */
export const unsubscribeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const settings = app.communicationSettings;
  // One-click unsubscribe (RFC 8058) posts a form body; the token is in the URL, the body says nothing more.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, _body, done) => done(null, {}));

  app.get('/unsubscribe', {
    schema: {
      tags: ['subscriptions'],
      summary: 'The link in a back-in-stock e-mail: a page asking to confirm (opening it changes nothing, as mail scanners open every link)',
      security: [], querystring: TokenQuery, response: { 200: Html, 400: ErrorResponse, 403: Html, 404: Html, '5xx': ErrorResponse },
    },
  }, async (request, reply) => {
    const result = await subscriptionOfLink(app.store, request.query.token, settings.unsubscribeSecret);
    if (!result.ok) return reply.code(ERROR_STATUS[result.code]).type('text/html; charset=utf-8').send(INVALID_LINK_PAGE);
    const answer = result.value.status === 'unsubscribed'
      ? unsubscribedPage(result.value.sku)
      : page('Unsubscribe', `<form method="post" action="?token=${encodeURIComponent(request.query.token)}"><p>Stop back-in-stock e-mails for ${escape(result.value.sku)}?</p><button type="submit">Unsubscribe</button></form>`);
    return reply.type('text/html; charset=utf-8').send(answer);
  });

  app.post('/unsubscribe', {
    schema: {
      tags: ['subscriptions'],
      summary: 'Ends the subscription: one-click unsubscribe (RFC 8058) and the link page\'s button; a browser (Accept: text/html) gets a page',
      security: [], querystring: TokenQuery, response: responses({ 200: Type.Union([Subscription, Html]) }),
    },
  }, async (request, reply) => {
    const result = await unsubscribe(app.store, request.query.token, settings.unsubscribeSecret);
    if (!(request.headers.accept ?? '').includes('text/html')) return subscriptionView(unwrap(result));
    if (!result.ok) return reply.code(ERROR_STATUS[result.code]).type('text/html; charset=utf-8').send(INVALID_LINK_PAGE);
    return reply.type('text/html; charset=utf-8').send(unsubscribedPage(result.value.sku));
  });
};

export default subscriptionRoutes;
