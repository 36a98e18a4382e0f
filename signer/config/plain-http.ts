/**
 * Where `http://` is allowed: loopback hosts only — `localhost`, `*.localhost`, `127.0.0.0/8` and `[::1]`,
 * the hosts browsers treat as secure contexts — unless `ALLOW_INSECURE_HTTP=true` says otherwise. Anywhere
 * else, an `http://` PAVE URL sends the signed request (and the customer's number) in clear, an `http://`
 * Siteverify URL sends the Turnstile secret in clear, and an `http://` page in `ALLOWED_ORIGINS` can be
 * rewritten on its way to the customer by anyone on the network.
 * Pure: no `node:`.
 * @see https://w3c.github.io/webappsec-secure-contexts/#is-origin-trustworthy
 */

/** What the message says is allowed, after "… is not". */
export const PLAIN_HTTP_RULE =
  'a loopback address (http:// is allowed only for localhost, *.localhost, 127.x.x.x and [::1], or with ALLOW_INSECURE_HTTP=true)';

/**
 * @example isLoopbackHost('127.0.0.1') // true
 * @example isLoopbackHost('sandbox.localhost') // true
 * @example isLoopbackHost('10.0.0.1') // false
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return v4 !== null && v4.slice(1).every((octet) => Number(octet) <= 255);
}

/**
 * True for an `http://` URL (or origin) whose host is not loopback: what the configuration refuses.
 * Anything that does not parse is someone else's problem (the setting's own check reports it).
 * @example isPlainHttpElsewhere('http://pave.example') // true
 * @example isPlainHttpElsewhere('http://127.0.0.1:8788') // false
 */
export function isPlainHttpElsewhere(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname);
}
