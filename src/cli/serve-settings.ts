import { isIP } from 'node:net';
import { ADMIN_KEY_NAME, checkChosenSecret, MIN_SECRET_LENGTH } from '../app/api-keys.js';
import { badInput } from './context.js';

/**
 * RESTOCK_ADMIN_KEY: a secret that always works as an admin key, refused at start (naming the
 * variable, exit 2) when it is too short or has spaces; undefined when unset. Earlier versions took
 * 16 characters, so the refusal of a shorter one says how to move on: a new secret, the old key revoked.
 */
export function adminKeyFromEnv(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const weak = checkChosenSecret('RESTOCK_ADMIN_KEY', value);
  if (weak && value.length < MIN_SECRET_LENGTH && !/\s/.test(value)) badInput('RESTOCK_ADMIN_KEY', tooShort(value.length));
  if (weak) badInput('RESTOCK_ADMIN_KEY', weak.message.replace(/^RESTOCK_ADMIN_KEY: /, ''));
  return value;
}

/** The refusal of a value an earlier Restock took (16 characters or more): what to do, step by step. */
function tooShort(length: number): string {
  return [
    `must be ${MIN_SECRET_LENGTH} characters or more; the one given has ${length}.`,
    'Earlier versions of Restock took 16 or more, this one does not: set RESTOCK_ADMIN_KEY to a new secret',
    '(`openssl rand -base64 32` makes one, or `restock keys create --name admin --role admin` prints a key to use; neither needs the server),',
    'start again, and give your scripts the new key.',
    `The key the old value made no longer works: \`restock keys list\` shows it as "${ADMIN_KEY_NAME}"; remove it with \`restock keys revoke <id>\``,
  ].join(' ');
}

/** Names Fastify (proxy-addr) knows for whole ranges of addresses. */
const RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * RESTOCK_TRUST_PROXY: whom to believe about the client's address (X-Forwarded-For), as Fastify's
 * `trustProxy` takes it: `true` (every peer is a proxy), `false`, or a comma-separated list of
 * proxy addresses and CIDR ranges (or loopback, linklocal, uniquelocal). Unset is false: the
 * address is the connection's, and a client cannot choose its own by sending the header. A number
 * of hops is refused: Fastify 5 no longer honours one (a client reaching the server directly
 * could name any address), so accepting it would silently trust nobody. Anything else is refused
 * at start, naming the variable.
 */
export function trustProxyFromEnv(value: string | undefined): boolean | string[] | undefined {
  const text = value?.trim() ?? '';
  if (text === '') return undefined;
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  if (/^\d+$/.test(text)) {
    badInput('RESTOCK_TRUST_PROXY', 'a number of proxy hops cannot tell a proxy from a client that sends the header itself; list the proxies\' addresses or CIDR ranges (e.g. 10.0.0.0/8)');
  }
  const entries = text.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !isProxyAddress(entry));
  if (bad !== undefined) {
    badInput('RESTOCK_TRUST_PROXY', `${bad === '' ? 'an empty entry' : bad} is not a proxy address; give true, false, or a comma-separated list of addresses and CIDR ranges (or ${RANGE_NAMES.join(', ')})`);
  }
  return entries;
}

function isProxyAddress(entry: string): boolean {
  if (RANGE_NAMES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
