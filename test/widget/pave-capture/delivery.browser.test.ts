/**
 * The `delivery` attribute and the customer's own switch: which form shows, in which state — including
 * after a failure, when the page changes the attribute while the error is on screen.
 */
import { describe, expect, it } from 'vitest';
import { en } from '../../../widget/strings/index.ts';
import { deferred, fakeSigner, failure, json, mount, part, recordEvents, session, settled, submit } from './fixture.ts';

const phoneField = (element: HTMLElement) => element.shadowRoot!.querySelector('input[name=phone]');

describe('delivery', () => {
  it('follows the attribute on an untouched form', async () => {
    const element = await mount({ delivery: 'link' });
    expect(phoneField(element)).toBeNull();
    element.delivery = 'sms';
    await element.updateComplete;
    expect(phoneField(element)).not.toBeNull();
    expect(part(element, 'button[type=submit]')!.textContent).toBe(en.sendSms);
  });

  it('follows the attribute after a failure too, keeping the error on screen', async () => {
    fakeSigner({ create: failure(502, 'upstream_error') });
    const events = recordEvents('pave-state-change');
    const element = await mount({ delivery: 'link' });
    await submit(element);
    expect(element.state).toBe('error');
    element.setAttribute('delivery', 'sms');
    await element.updateComplete;
    expect(element.state).toBe('error');
    expect(phoneField(element)).not.toBeNull();
    expect(part(element, 'button[type=submit]')!.textContent).toBe(en.sendSms);
    expect(part(element, '[role=alert]')!.textContent).toBe(en.errors.upstream_error);
    expect(events.of('pave-state-change').at(-1)).toEqual({ from: 'sending', to: 'error' });
  });

  it('does not change a request being sent, nor a session on screen', async () => {
    const answer = deferred<Response>();
    fakeSigner({ create: () => answer.promise });
    const element = await mount({ delivery: 'link' });
    await submit(element);
    element.delivery = 'sms';
    await element.updateComplete;
    expect(element.state).toBe('sending');
    expect(phoneField(element)).toBeNull();
    answer.resolve(json(201, session())());
    await settled(element);
    expect(element.state).toBe('link');
    element.delivery = 'link';
    await element.updateComplete;
    expect(element.state).toBe('link');
  });

  it('under `auto`, lets a desktop customer switch to a text and back', async () => {
    const element = await mount();
    part<HTMLButtonElement>(element, 'button[type=button]')!.click();
    await element.updateComplete;
    expect(phoneField(element)).not.toBeNull();
    expect(element.shadowRoot!.activeElement).toBe(phoneField(element));
    part<HTMLButtonElement>(element, 'button[type=button]')!.click();
    await element.updateComplete;
    expect(phoneField(element)).toBeNull();
  });

  it('offers no switch when the page fixed the delivery', async () => {
    const element = await mount({ delivery: 'sms' });
    expect(part(element, 'button[type=button]')).toBeNull();
  });
});
