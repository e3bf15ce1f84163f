import { isIP } from 'node:net';
import { ADMIN_KEY_NAME, checkChosenSecret, MIN_SECRET_LENGTH } from '../app/api-keys.js';
import type { Result } from '../app/result.js';
import { readSettings, type Environment } from '../app/settings-reader.js';
import { badInput } from './context.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** How `restock serve` runs, beside its security settings below (each read by its own rule). */
export interface ServeSettings {
  /** PORT (default 3000); `--port` overrides it. */
  readonly port: number;
  /** HOST (default 127.0.0.1); `--host` overrides it. */
  readonly host: string;
  /** RESTOCK_LOG_LEVEL: one of pino's levels (default info). */
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /** RESTOCK_RATE_LIMIT: requests per key per minute, or false for "off"; undefined: the default. */
  readonly rateLimit: { readonly max: number; readonly timeWindowMs: number } | false | undefined;
  /** RESTOCK_PLACEMENT_BATCH: most orders per commit, 1–1000; undefined: the default. */
  readonly placementBatch: number | undefined;
  /** RESTOCK_WORKER: whether the outbox worker runs in this process (default on). */
  readonly worker: boolean;
  /** RESTOCK_CORS_ORIGINS: browser origins allowed to call the API (none by default). */
  readonly corsOrigins: readonly string[];
}

/**
 * The settings of `restock serve` from the environment; a value its rule does not take is a
 * VALIDATION_FAILED naming the variable, so the server does not start (exit 2).
 */
export function serveSettingsFromEnv(env: Environment): Result<ServeSettings> {
  return readSettings(env, (setting) => {
    const rateLimit = setting.wholeNumberOrOff('RESTOCK_RATE_LIMIT', { min: 1, what: 'a whole number of requests per minute' });
    return {
      port: setting.wholeNumber('PORT', { min: 0, max: 65_535 }) ?? 3000,
      host: setting.text('HOST')?.trim() ?? '127.0.0.1',
      logLevel: setting.choice('RESTOCK_LOG_LEVEL', LOG_LEVELS) ?? 'info',
      rateLimit: rateLimit === false || rateLimit === undefined ? rateLimit : { max: rateLimit, timeWindowMs: 60_000 },
      placementBatch: setting.wholeNumber('RESTOCK_PLACEMENT_BATCH', { min: 1, max: 1000 }),
      worker: setting.switch('RESTOCK_WORKER') ?? true,
      corsOrigins: setting.origins('RESTOCK_CORS_ORIGINS') ?? [],
    };
  });
}

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
