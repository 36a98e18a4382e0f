/**
 * What a submit sends, driven through the element's public surface: which requests leave the page, with
 * which `Idempotency-Key` and body, and what the customer and the page hear back.
 */
import { describe, expect, it } from 'vitest';
import { en } from '../../../widget/strings/index.ts';
import { deferred, fakeSigner, failure, json, mount, part, recordEvents, session, settled, submit, typeInto, VIN } from './fixture.ts';

const key = (request: { headers: Headers }) => request.headers.get('Idempotency-Key');

describe('a submit', () => {
  it('asks the signer for a session with a fresh key, then hands the link over and says so', async () => {
    const signer = fakeSigner({ create: json(201, session()) });
    const events = recordEvents('pave-state-change', 'pave-session-created');
    const element = await mount({ vin: VIN.toLowerCase() });
    await submit(element);
    const [create] = signer.creates();
    expect(signer.creates()).toHaveLength(1);
    expect(key(create!)).toMatch(/^[0-9a-f]{32}$/);
    expect(create!.headers.get('Content-Type')).toBe('application/json');
    expect(create!.body).toEqual({ delivery: 'link', vin: VIN, language: 'en' });
    expect(element.state).toBe('link');
    expect(part(element, '.title')!.textContent).toBe(en.qrTitle);
    expect(events.of('pave-state-change')).toEqual([
      { from: 'idle', to: 'sending' },
      { from: 'sending', to: 'link' },
    ]);
    expect(events.of('pave-session-created')).toEqual([expect.objectContaining({ delivery: 'link' })]);
  });

  it('retries a request whose answer was lost with the same key, so the signer never creates a second session', async () => {
    const signer = fakeSigner({ create: [() => Promise.reject(new TypeError('Failed to fetch')), json(201, session())] });
    const errors = recordEvents('pave-error');
    const element = await mount({ vin: VIN });
    await submit(element);
    expect(element.state).toBe('error');
    expect(part(element, '[role=alert]')!.textContent).toBe(en.errors.network_error);
    expect(errors.of('pave-error')).toEqual([expect.objectContaining({ code: 'network_error' })]);
    expect(element.shadowRoot!.activeElement).toBe(part(element, '[role=alert]'));
    await submit(element);
    const [first, retry] = signer.creates();
    expect(key(retry!)).toBe(key(first!));
    expect(retry!.body).toEqual(first!.body);
    expect(element.state).toBe('link');
  });

  it('sends a changed request with a new key, and so anything after a session exists', async () => {
    const signer = fakeSigner({ create: [failure(504, 'upstream_timeout'), json(201, session()), json(201, session())] });
    const element = await mount();
    await submit(element);
    await typeInto(element, 'vin', VIN);
    await submit(element);
    part<HTMLButtonElement>(element, '.result button.secondary:last-of-type')!.click(); // "Start over"
    await settled(element);
    await typeInto(element, 'vin', VIN);
    await submit(element);
    const [failed, changed, again] = signer.creates().map(key);
    expect(new Set([failed, changed, again]).size).toBe(3);
  });

  it('keeps one request in flight: a second click while sending sends nothing', async () => {
    const answer = deferred<Response>();
    const signer = fakeSigner({ create: () => answer.promise });
    const element = await mount();
    await submit(element);
    expect(element.state).toBe('sending');
    expect(part(element, 'form')!.getAttribute('aria-busy')).toBe('true');
    part<HTMLFormElement>(element, 'form')!.requestSubmit();
    await settled(element);
    answer.resolve(json(201, session())());
    await settled(element);
    expect(signer.creates()).toHaveLength(1);
    expect(element.state).toBe('link');
  });

  it('sends nothing from a disabled widget', async () => {
    const signer = fakeSigner({ create: json(201, session()) });
    const element = await mount({ disabled: '' });
    part<HTMLFormElement>(element, 'form')!.requestSubmit();
    await settled(element);
    expect(signer.sent).toEqual([]);
    expect(element.state).toBe('idle');
  });
});

describe('a submit to text the link', () => {
  it('does not leave the page without a phone number: the field says why and takes the focus', async () => {
    const signer = fakeSigner({ create: json(201, session('sms')) });
    const element = await mount({ delivery: 'sms' });
    await submit(element);
    expect(signer.sent).toEqual([]);
    expect(element.state).toBe('idle');
    const phone = part<HTMLInputElement>(element, 'input[name=phone]')!;
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(part(element, '#phone-message')!.textContent).toBe(en.phoneRequired);
    expect(element.shadowRoot!.activeElement).toBe(phone);
  });

  it('does not leave the page with a number too short to text', async () => {
    const signer = fakeSigner({ create: json(201, session('sms')) });
    const element = await mount({ delivery: 'sms', phone: '647 455' });
    await submit(element);
    expect(signer.sent).toEqual([]);
    expect(part(element, '#phone-message')!.textContent).toBe(en.phoneProblems.too_short);
  });

  it('sends the number as E.164 with the site, and says the link was texted', async () => {
    const texted = session('sms');
    const signer = fakeSigner({ create: json(201, texted) });
    const events = recordEvents('pave-sms-sent');
    const element = await mount({ delivery: 'sms', site: 'main-street', lang: 'es' });
    await typeInto(element, 'phone', '6474551234');
    expect(part<HTMLInputElement>(element, 'input[name=phone]')!.value).toBe('(647) 455-1234');
    await submit(element);
    expect(signer.creates()[0]!.body).toEqual({ delivery: 'sms', phone: '+16474551234', language: 'es', site: 'main-street' });
    expect(element.state).toBe('sms');
    expect(events.of('pave-sms-sent')).toEqual([{ session_key: texted.session_key, sms_to: texted.sms_to }]);
  });

  it('shows the signer’s word on a field under it, until the field changes', async () => {
    fakeSigner({ create: failure(400, 'invalid_request', [{ path: 'phone', message: 'This number cannot receive texts.' }]) });
    const element = await mount({ delivery: 'sms', phone: '+1 647 455 1234' });
    await submit(element);
    expect(element.state).toBe('error');
    expect(part(element, '#phone-message')!.textContent).toBe('This number cannot receive texts.');
    expect(part(element, '[role=alert]')!.textContent).toBe(en.errors.invalid_request);
    await typeInto(element, 'phone', '+1 647 455 1235');
    expect(part(element, '#phone-message')!.textContent).toBe('');
  });
});
