import { Type } from '@fastify/type-provider-typebox';
import { MAX_EVENTS_PER_PULL } from '../../app/list-events.js';
import { Instant, List, MAX_ID } from './common.js';

export const EventQuery = Type.Object(
  {
    after: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_ID, description: 'the last seq already seen (0 = from the start)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_EVENTS_PER_PULL, description: 'default 100' })),
  },
  { additionalProperties: false },
);

export const Event = Type.Object({
  seq: Type.Integer(),
  type: Type.String({ description: 'e.g. order.placed, line.backordered, backorder.allocated' }),
  subjectType: Type.String(),
  subjectId: Type.String(),
  payload: Type.Unknown(),
  createdAt: Instant,
}, { title: 'Event' });

export const EventFeed = Type.Object({
  items: List(Event),
  nextAfter: Type.Integer({ description: 'pass as `after` to get the events that follow' }),
});
