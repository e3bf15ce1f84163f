import { Type } from '@fastify/type-provider-typebox';
import { AUDIT_SUBJECT_TYPES } from '../../app/audit-trail.js';
import { Instant, PageOf, PageQuery, Text } from './common.js';

export const AuditQuery = Type.Object(
  {
    subjectType: Type.Optional(Type.Enum([...AUDIT_SUBJECT_TYPES])),
    subject: Type.Optional(Text(200, 'the subject\'s key: sku, location or supplier code, "sku/supplier", or an id')),
    actor: Type.Optional(Text(200, 'e.g. key:3 (an API key\'s id) or cli:alice')),
    since: Type.Optional(Type.String({ maxLength: 40, description: 'date or ISO-8601 time, inclusive' })),
    until: Type.Optional(Type.String({ maxLength: 40, description: 'date or ISO-8601 time, exclusive' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const FieldChange = Type.Object({ from: Type.Unknown(), to: Type.Unknown() }, { title: 'FieldChange' });

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  createdAt: Instant,
  actor: Type.String({ description: 'who: key:<id> for an API key, cli:<user> for the command line, system:… for the service itself' }),
  subjectType: Type.Enum([...AUDIT_SUBJECT_TYPES]),
  subjectKey: Type.String(),
  action: Type.String({ description: 'created, updated, deleted, revoked, lines_added, line_removed, sent, cancelled' }),
  changes: Type.Record(Type.String(), FieldChange, { description: 'each changed field with its value before and after; secrets show as "[redacted]"' }),
}, { title: 'AuditEntry' });

export const AuditPage = PageOf(AuditEntry);
