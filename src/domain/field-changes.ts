/** What one setting change did to one field: its value before and after. */
export interface FieldChange {
  readonly from: unknown;
  readonly to: unknown;
}

/** The fields a change touched, by name; a creation has every `from` null, a deletion every `to`. */
export type FieldChanges = Readonly<Record<string, FieldChange>>;

/** Stands in for the value of a secret field, so the audit trail says it changed without keeping it. */
export const REDACTED = '[redacted]';

export interface FieldChangeOptions {
  /** Fields whose values must never be kept (secrets): a change shows REDACTED on both sides. */
  readonly redact?: readonly string[];
  /** Fields that are bookkeeping, not settings (ids, timestamps): never reported. */
  readonly ignore?: readonly string[];
}

/**
 * The fields that differ between two versions of a record (null = the record did not exist).
 * Values are compared by their JSON form, so arrays and nested objects compare by content; a
 * field missing on one side counts as null there.
 */
export function fieldChanges(before: object | null, after: object | null, options: FieldChangeOptions = {}): FieldChanges {
  const redact = new Set(options.redact ?? []);
  const ignore = new Set(options.ignore ?? []);
  const from = (before ?? {}) as Record<string, unknown>;
  const to = (after ?? {}) as Record<string, unknown>;
  const names = [...new Set([...Object.keys(from), ...Object.keys(to)])].filter((name) => !ignore.has(name)).sort();
  const changes: Record<string, FieldChange> = {};
  for (const name of names) {
    const old = from[name] ?? null;
    const next = to[name] ?? null;
    if (JSON.stringify(old) === JSON.stringify(next)) continue;
    changes[name] = redact.has(name)
      ? { from: old === null ? null : REDACTED, to: next === null ? null : REDACTED }
      : { from: old, to: next };
  }
  return changes;
}
