import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { deniedAddress, type AddressPolicy } from '../app/communication/address-policy.js';

export type PostResult = { readonly status: number } | { readonly error: string };

/** POSTs webhook bodies over kept-alive connections, refusing addresses the policy denies. */
export interface WebhookClient {
  post(url: string, body: string, headers: Readonly<Record<string, string>>): Promise<PostResult>;
  close(): void;
}

/**
 * A client whose every connection is checked after DNS resolution (so a host name that resolves
 * to a private address is refused, also on re-resolution), with a whole-request timeout.
 */
export function createWebhookClient(options: { policy: AddressPolicy; timeoutMs: number; maxSockets: number }): WebhookClient {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: options.maxSockets }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: options.maxSockets }),
  };
  const lookup = guardedLookup(options.policy);
  // The policy's verdict on a literal address, kept per host: endpoints are few and posted to again and again.
  const verdicts = new Map<string, string | null>();
  const literalDenied = (host: string): string | null => {
    let verdict = verdicts.get(host);
    if (verdict === undefined) {
      verdict = isIP(host) !== 0 ? deniedAddress(host, options.policy) : null;
      if (verdicts.size >= 1_000) verdicts.clear();
      verdicts.set(host, verdict);
    }
    return verdict;
  };
  return {
    post(url, body, headers) {
      return new Promise((resolve) => {
        let target: URL;
        try {
          target = new URL(url);
        } catch {
          resolve({ error: 'invalid URL' });
          return;
        }
        const agent = target.protocol === 'http:' ? agents['http:'] : target.protocol === 'https:' ? agents['https:'] : null;
        if (!agent) {
          resolve({ error: `unsupported protocol ${target.protocol}` });
          return;
        }
        // Literal addresses skip DNS (and so the lookup hook): check them here.
        const host = target.hostname.replace(/^\[|\]$/g, '');
        const denied = literalDenied(host);
        if (denied) {
          resolve({ error: `refused: ${denied}` });
          return;
        }
        const request = (target.protocol === 'https:' ? https : http).request(target, {
          method: 'POST',
          agent,
          lookup,
          headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        });
        const timer = setTimeout(() => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
        request.on('response', (response) => {
          response.resume();
          response.on('end', () => {
            clearTimeout(timer);
            resolve({ status: response.statusCode ?? 0 });
          });
          response.on('error', (error) => {
            clearTimeout(timer);
            resolve({ error: error.message });
          });
        });
        request.on('error', (error) => {
          clearTimeout(timer);
          resolve({ error: error.message });
        });
        request.end(body);
      });
    },
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

class AddressRefused extends Error {
  readonly code = 'EADDRREFUSED_POLICY';
}

function guardedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      const allowed = addresses.filter((a) => deniedAddress(a.address, policy) === null);
      if (allowed.length === 0) {
        const reason = addresses[0] ? deniedAddress(addresses[0].address, policy) : `${hostname} has no address`;
        callback(new AddressRefused(`refused: ${hostname} resolves to ${reason}`), '', 0);
        return;
      }
      if (lookupOptions.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      else callback(null, (allowed[0] as LookupAddress).address, (allowed[0] as LookupAddress).family);
    });
  };
}
