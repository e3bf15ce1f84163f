import { checkChosenSecret } from '../app/api-keys.js';
import { badInput } from './context.js';

/**
 * RESTOCK_ADMIN_KEY: a secret that always works as an admin key, refused at start (naming the
 * variable, exit 2) when it is too short or has spaces; undefined when unset.
 */
export function adminKeyFromEnv(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const weak = checkChosenSecret('RESTOCK_ADMIN_KEY', value);
  if (weak) badInput('RESTOCK_ADMIN_KEY', weak.message.replace(/^RESTOCK_ADMIN_KEY: /, ''));
  return value;
}
