/**
 * Resume after a reload: a session is remembered per signer and site, so the same page shows it again
 * instead of creating (and texting) a new one — and another dealer's widget on the same origin never does.
 */
import { describe, expect, it } from 'vitest';
import { en } from '../../../widget/strings/index.ts';
import { fakeSigner, json, mount, part, recordEvents, session, settled, submit } from './fixture.ts';

/** A session created by a widget with these attributes, which then leaves the page (a reload). */
async function createdBy(attributes: Record<string, string>, delivery: 'link' | 'sms' = 'link') {
  const created = session(delivery);
  const signer = fakeSigner({ create: json(201, created), status: json(200, { status: 'IDLE', updated_at: null }) });
  const element = await mount(attributes);
  await submit(element);
  expect(element.state).toBe(delivery);
  element.remove();
  return { created, signer };
}

describe('a remembered session', () => {
  it('shows again after a reload, without a request to create one', async () => {
    const { created, signer } = await createdBy({ site: 'main-street', delivery: 'sms', phone: '+16474551234' }, 'sms');
    const events = recordEvents('pave-state-change');
    const element = await mount({ site: 'main-street', delivery: 'sms' });
    expect(element.state).toBe('sms');
    expect(part(element, '.title')!.textContent).toBe(en.smsSent('•••-•••-1234'));
    await settled(element);
    expect(signer.creates()).toHaveLength(1);
    expect(signer.statusPolls().at(-1)!.headers.get('Authorization')).toBe(`Bearer ${created.ticket}`);
    expect(events.of('pave-state-change')).toEqual([{ from: 'idle', to: 'sms' }]);
  });

  it('is kept per site: another dealer on the same signer and origin starts from the form', async () => {
    await createdBy({ site: 'main-street' });
    expect((await mount({ site: 'other-dealer' })).state).toBe('idle');
    expect((await mount({})).state).toBe('idle');
    expect((await mount({ site: 'main-street' })).state).toBe('link');
  });

  it('is kept per signer', async () => {
    await createdBy({ site: 'main-street' });
    expect((await mount({ site: 'main-street', signer: 'https://other-signer.test' })).state).toBe('idle');
  });

  it('is forgotten on “Start over”', async () => {
    await createdBy({ site: 'main-street' });
    const element = await mount({ site: 'main-street' });
    part<HTMLButtonElement>(element, '.result button.secondary:last-of-type')!.click();
    await settled(element);
    expect(element.state).toBe('idle');
    element.remove();
    expect((await mount({ site: 'main-street' })).state).toBe('idle');
  });

  it('shows the thank-you screen again after a reload once the inspection is complete, and polls no more', async () => {
    await createdBy({ site: 'main-street' });
    fakeSigner({ status: json(200, { status: 'COMPLETE', updated_at: null }) });
    const first = await mount({ site: 'main-street' });
    await settled(first);
    expect(part(first, '.title')!.textContent).toBe(en.completeTitle);
    first.remove();
    const signer = fakeSigner({ status: json(200, { status: 'COMPLETE', updated_at: null }) });
    const again = await mount({ site: 'main-street' });
    await settled(again);
    expect(part(again, '.title')!.textContent).toBe(en.completeTitle);
    expect(part(again, '.qr, a.link, a.start-button')).toBeNull();
    expect(signer.statusPolls()).toEqual([]);
  });

  it('is forgotten once PAVE says the link is dead', async () => {
    const { created } = await createdBy({ site: 'main-street' });
    fakeSigner({ status: json(200, { status: 'EXPIRED', updated_at: null }) });
    const element = await mount({ site: 'main-street' });
    await settled(element);
    // Its own screen: an error and "Get a new link", no link to hand over.
    expect(part(element, '.result [role=alert]')!.textContent).toBe(en.status.EXPIRED);
    expect(part(element, 'a.link')).toBeNull();
    expect(created.capture_url).toBeTruthy();
    element.remove();
    expect((await mount({ site: 'main-street' })).state).toBe('idle');
  });
});
