/**
 * Each final status is its own screen: COMPLETE thanks the customer with nothing left to hand over;
 * EXPIRED and INVALID say so as an error and "Get a new link" creates a fresh session (a new key, the
 * same VIN and number). Progress is a neutral step indicator; repeated status failures say so.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PaveCapture } from '../../../widget/index.ts';
import { en } from '../../../widget/strings/index.ts';
import { after, deferred, failure, fakeSigner, json, mount, part, session, settled, submit, VIN } from './fixture.ts';

const status = (value: string) => json(200, { status: value, updated_at: null });
const buttons = (element: PaveCapture) => [...element.shadowRoot!.querySelectorAll('button, a')].map((node) => node.textContent!.trim());

beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));

describe('final screens', () => {
  it('COMPLETE: a thank-you heading, focused, with no QR code, link, start button or text offer', async () => {
    fakeSigner({ create: json(201, session()), status: [status('STARTED'), status('COMPLETE')] });
    const element = await mount({ vin: VIN });
    await submit(element);
    await after(2_000, element);
    const title = part(element, '.title')!;
    expect(title.tagName).toBe('H2');
    expect(title.textContent).toBe(en.completeTitle);
    expect(element.shadowRoot!.activeElement).toBe(title);
    expect(part(element, '.qr, a.link, a.start-button')).toBeNull();
    expect(buttons(element)).toEqual([en.startOver]);
  });

  it('EXPIRED: an error and "Get a new link", which creates a second session with a new key and the same VIN', async () => {
    const signer = fakeSigner({ create: [json(201, session()), json(201, session())], status: [status('EXPIRED'), status('IDLE')] });
    const element = await mount({ vin: VIN });
    await submit(element);
    expect(part(element, '[role=alert]')!.textContent).toBe(en.status.EXPIRED);
    expect(part(element, '[role=alert]')!.className).toContain('error');
    expect(part(element, '.qr, a.link')).toBeNull();
    part<HTMLButtonElement>(element, 'button.primary')!.click();
    await settled(element);
    const [first, second] = signer.creates();
    expect(second!.headers.get('Idempotency-Key')).not.toBe(first!.headers.get('Idempotency-Key'));
    expect(second!.body).toEqual(first!.body);
    expect(element.state).toBe('link');
    expect(part(element, '.title')!.textContent).toBe(en.qrTitle);
  });

  it('INVALID on a texted session: "Get a new link" texts the same number again', async () => {
    const signer = fakeSigner({ create: [json(201, session('sms')), json(201, session('sms'))], status: [status('INVALID'), status('IDLE')] });
    const element = await mount({ delivery: 'sms', phone: '+16474551234' });
    await submit(element);
    expect(part(element, '.title')!.textContent).toBe(en.invalidTitle);
    part<HTMLButtonElement>(element, 'button.primary')!.click();
    await settled(element);
    expect(signer.creates()[1]!.body).toMatchObject({ delivery: 'sms', phone: '+16474551234' });
    expect(element.state).toBe('sms');
  });
});

describe('progress', () => {
  it('is a neutral step indicator, not success green', async () => {
    fakeSigner({ create: json(201, session()), status: status('PROCESS') });
    const element = await mount();
    await submit(element);
    expect(part(element, '.result [role=status]')!.textContent).toBe(en.status.PROCESS);
    expect(part(element, '.result [role=status]')!.className).not.toContain('success');
    expect(part<HTMLProgressElement>(element, 'progress')!.value).toBe(3);
    expect(part(element, '.steps')!.textContent).toContain(en.step(3, 5));
  });

  it('is there before the first status check answers, so the buttons do not move under a finger when it does', async () => {
    const first = deferred<Response>();
    fakeSigner({ create: json(201, session('sms')), status: [() => first.promise, status('STARTED')] });
    const element = await mount({ delivery: 'sms', phone: '+16474551234' });
    await submit(element);
    const change = [...element.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent!.trim() === en.changeNumber)!;
    const before = change.getBoundingClientRect().top;
    expect(part(element, '.steps')!.textContent).toContain(en.step(1, 5));
    expect(part(element, '.result [role=status]')!.textContent).toBe(en.status.IDLE);
    first.resolve(status('STARTED')());
    await settled(element);
    expect(part(element, '.steps')!.textContent).toContain(en.step(2, 5));
    expect(change.isConnected && change.getBoundingClientRect().top).toBe(before);
  });

  it('says the progress is unknown after repeated status failures, and recovers', async () => {
    fakeSigner({ create: json(201, session()), status: [failure(502, 'upstream_error'), failure(502, 'upstream_error'), failure(502, 'upstream_error'), status('STARTED')] });
    const element = await mount();
    await submit(element);
    await after(3_000, element);
    await after(4_500, element);
    expect(part(element, '.result [role=status]')!.textContent).toBe(en.statusUnavailable);
    await after(7_000, element);
    expect(part(element, '.result [role=status]')!.textContent).toBe(en.status.STARTED);
  });
});
