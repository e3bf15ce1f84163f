import { invalid, ok, type Result } from './result.js';
import { EMAIL_PATTERN } from './validate.js';

/** Environment variables as a process has them (`process.env`), or as a test gives them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The longest delay a Node.js timer keeps (about 24.8 days); a longer one would fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** A whole number of milliseconds a timer can wait, 0 or more. */
export const MILLISECONDS: WholeNumberRule = { min: 0, max: MAX_TIMER_MS, what: 'a whole number of milliseconds' };

/** The range a whole-number setting must be in, and what its number counts (for the refusal). */
export interface WholeNumberRule {
  readonly min: number;
  readonly max?: number | undefined;
  /** "a whole number of milliseconds"; default "a whole number". */
  readonly what?: string | undefined;
}

/**
 * Reads a group of settings from the environment, each by the rule of its kind (SettingsReader).
 * The first value its rule does not take ends the reading as a VALIDATION_FAILED naming the
 * variable (`RESTOCK_PG_POOL_SIZE: must be a whole number, 1 or more`), so the process refuses to
 * start (the CLI's exit 2) instead of running under a default nobody chose.
 */
export function readSettings<T>(env: Environment, read: (setting: SettingsReader) => T): Result<T> {
  try {
    return ok(read(new SettingsReader(env)));
  } catch (error) {
    if (error instanceof RefusedSetting) return invalid(error.variable, error.reason);
    throw error;
  }
}

/** A value a rule refused; it never leaves readSettings. */
class RefusedSetting extends Error {
  constructor(
    readonly variable: string,
    readonly reason: string,
  ) {
    super(`${variable}: ${reason}`);
  }
}

const ON_WORDS = ['on', 'true', 'yes', '1'];
const OFF_WORDS = ['off', 'false', 'no', '0'];

/**
 * One rule per kind of setting. Every rule reads an unset or empty variable as not given
 * (undefined: the caller's default applies) and refuses whatever it does not take outright: a value
 * is never quietly read as a default. Refusals never repeat a URL's value (it may hold a password).
 */
export class SettingsReader {
  constructor(private readonly env: Environment) {}

  /** Any text, as given (a path or a password may begin or end with a space). */
  text(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value;
  }

  /** Comma-separated text, each entry trimmed, empty entries dropped. */
  list(name: string): string[] | undefined {
    return this.text(name)?.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  }

  /** A secret key: any text of at least `minLength` characters, so it cannot be guessed. */
  secret(name: string, minLength: number): string | undefined {
    const value = this.text(name);
    if (value !== undefined && value.length < minLength) this.refuse(name, `must be at least ${minLength} characters long (a random string, such as one from openssl rand -hex 32)`);
    return value;
  }

  /** Comma-separated e-mail addresses, each as Restock can mail it. */
  emails(name: string): string[] | undefined {
    const entries = this.list(name);
    for (const entry of entries ?? []) if (!EMAIL_PATTERN.test(entry)) this.refuse(name, `${entry} is not an e-mail address; give addresses such as name@example.com, separated by commas`);
    return entries;
  }

  /** A whole number written plainly (digits only) within the rule's range. */
  wholeNumber(name: string, rule: WholeNumberRule): number | undefined {
    const value = this.trimmed(name);
    if (value === undefined) return undefined;
    const number = wholeNumberIn(value, rule);
    if (number === null) this.refuse(name, rangeOf(rule));
    return number;
  }

  /** A whole number as wholeNumber takes it, or "off" (false). */
  wholeNumberOrOff(name: string, rule: WholeNumberRule): number | false | undefined {
    const value = this.trimmed(name);
    if (value === undefined) return undefined;
    if (value.toLowerCase() === 'off') return false;
    const number = wholeNumberIn(value, rule);
    if (number === null) this.refuse(name, `${rangeOf(rule)}, or "off"`);
    return number;
  }

  /** A switch: on, true, yes or 1 turn it on; off, false, no or 0 off (any case). */
  switch(name: string): boolean | undefined {
    const value = this.trimmed(name)?.toLowerCase();
    if (value === undefined) return undefined;
    if (ON_WORDS.includes(value)) return true;
    if (OFF_WORDS.includes(value)) return false;
    this.refuse(name, 'must be on or off (or true/false, yes/no, 1/0)');
  }

  /** One of a fixed list of words (any case), as the list spells it. */
  choice<C extends string>(name: string, choices: readonly C[]): C | undefined {
    const value = this.trimmed(name)?.toLowerCase();
    if (value === undefined) return undefined;
    const chosen = choices.find((choice) => choice.toLowerCase() === value);
    if (chosen === undefined) this.refuse(name, `must be one of ${choices.join(', ')}`);
    return chosen;
  }

  /** An absolute URL with one of `schemes` and a host, such as `example`. */
  url(name: string, schemes: readonly string[], example: string): string | undefined {
    const value = this.trimmed(name);
    if (value === undefined) return undefined;
    const url = parsedUrl(value);
    if (url === null || !schemes.includes(url.protocol.slice(0, -1)) || url.hostname === '') {
      this.refuse(name, `must be an absolute ${schemes.map((scheme) => `${scheme}://`).join(' or ')} URL, such as ${example}`);
    }
    return value;
  }

  /**
   * Comma-separated web origins (scheme, host and optional port, as browsers send them in Origin),
   * each http or https; a trailing slash is dropped, a path, query or credentials refused.
   */
  origins(name: string): string[] | undefined {
    const entries = this.list(name);
    if (entries === undefined) return undefined;
    return entries.map((entry) => {
      const url = parsedUrl(entry);
      if (url === null || !isWebOrigin(url) || /[?#]/.test(entry)) {
        this.refuse(name, `${entry} is not a web origin; give scheme, host and optional port, such as https://shop.example.com`);
      }
      return url.origin;
    });
  }

  private trimmed(name: string): string | undefined {
    return this.text(name)?.trim();
  }

  private refuse(name: string, reason: string): never {
    throw new RefusedSetting(name, reason);
  }
}

function parsedUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** http or https, a host, and nothing after it but a slash. */
function isWebOrigin(url: URL): boolean {
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && url.username === '' && url.password === '' && url.pathname === '/';
}

function wholeNumberIn(text: string, rule: WholeNumberRule): number | null {
  const number = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  return Number.isSafeInteger(number) && number >= rule.min && number <= (rule.max ?? Number.MAX_SAFE_INTEGER) ? number : null;
}

/** "must be a whole number from 1 to 1000", or "must be a whole number, 1 or more" without a maximum. */
function rangeOf(rule: WholeNumberRule): string {
  const what = rule.what ?? 'a whole number';
  return rule.max === undefined ? `must be ${what}, ${rule.min} or more` : `must be ${what} from ${rule.min} to ${rule.max}`;
}
