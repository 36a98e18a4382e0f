/**
 * Retries that work: a failure the signer did not keep is retried with a new key at the next press; when
 * PAVE may have texted, the customer is told to use a text that arrives and the button comes back once
 * `Retry-After` has passed; a rate limit says how long to wait. Focus lands where the customer acts next.
 */
import { describe, expect, it, vi } from 'vitest';
import { en } from '../../../widget/strings/index.ts';
import { fakeSigner, failure, mount, part, session, settled, submit, json, typeInto, VIN } from './fixture.ts';

const key = (request: { headers: Headers }) => request.headers.get('Idempotency-Key');
const withHeaders = (status: number, body: unknown, headers: Record<string, string>) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
const submitButton = (element: HTMLElement) => element.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!;

describe('a retry', () => {
  it('after a one-off failure the signer did not keep, sends a new key and creates the session', async () => {
    const signer = fakeSigner({ create: [failure(502, 'upstream_error'), json(201, session())] });
    const element = await mount({ vin: VIN });
    await submit(element);
    expect(part(element, '[role=alert]')!.textContent).toBe(en.errors.upstream_error);
    await submit(element);
    const [first, retry] = signer.creates();
    expect(key(retry!)).not.toBe(key(first!));
    expect(element.state).toBe('link');
  });

  it('when PAVE may have texted: says to use the text, waits for Retry-After, then retries with the same key', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const uncertain = { error: { code: 'upstream_timeout', message: 'may have texted', may_have_texted: true } };
    const signer = fakeSigner({ create: [withHeaders(504, uncertain, { 'Retry-After': '120' }), json(201, session('sms'))] });
    const element = await mount({ delivery: 'sms', phone: '+16474551234' });
    await submit(element);
    expect(part(element, '[role=alert]')!.textContent).toBe('If a text arrives, use it. You can try again in 2 minutes.');
    expect(submitButton(element).disabled).toBe(true);
    expect(element.shadowRoot!.activeElement).toBe(part(element, '[role=alert]'));
    await vi.advanceTimersByTimeAsync(120_000);
    await settled(element);
    expect(submitButton(element).disabled).toBe(false);
    expect(part(element, '[role=alert]')!.textContent).toBe('If a text arrives, use it. Otherwise you can try again now.');
    await submit(element);
    const [first, retry] = signer.creates();
    expect(key(retry!)).toBe(key(first!));
    expect(element.state).toBe('sms');
  });

  it('when PAVE may have texted, a changed number need not wait: it is another request, with a new key', async () => {
    const uncertain = { error: { code: 'upstream_timeout', message: 'may have texted', may_have_texted: true } };
    const signer = fakeSigner({ create: [withHeaders(504, uncertain, { 'Retry-After': '120' }), json(201, session('sms'))] });
    const element = await mount({ delivery: 'sms', phone: '+16474551234' });
    await submit(element);
    expect(submitButton(element).disabled).toBe(true);
    await typeInto(element, 'phone', '+16474551235');
    expect(submitButton(element).disabled).toBe(false);
    await submit(element);
    const [first, retry] = signer.creates();
    expect(key(retry!)).not.toBe(key(first!));
    expect(element.state).toBe('sms');
  });

  it('after a rate limit says how long to wait, in the widget’s language', async () => {
    fakeSigner({ create: withHeaders(429, { error: { code: 'rate_limited', message: 'Too many.' } }, { 'Retry-After': '3598' }) });
    const element = await mount({ lang: 'fr' });
    await vi.waitFor(() => expect(part(element, 'form')!.getAttribute('lang')).toBe('fr'));
    await submit(element);
    expect(part(element, '[role=alert]')!.textContent).toBe('Trop de tentatives. Vous pourrez réessayer dans 1 heure.');
  });

  it('after a field refused by the signer, focuses that field and words it in the language', async () => {
    const refusal = { error: { code: 'invalid_request', message: 'bad', issues: [{ path: 'phone', code: 'country_not_allowed', countries: ['US', 'CA'], message: 'We can only text numbers in US, CA.' }] } };
    fakeSigner({ create: json(400, refusal) });
    const element = await mount({ delivery: 'sms', phone: '+44 7700 900123', lang: 'fr' });
    await vi.waitFor(() => expect(part(element, 'form')!.getAttribute('lang')).toBe('fr'));
    await submit(element);
    expect(part(element, '#phone-message')!.textContent).toContain('États-Unis');
    expect(element.shadowRoot!.activeElement).toBe(part(element, 'input[name=phone]'));
  });
});
