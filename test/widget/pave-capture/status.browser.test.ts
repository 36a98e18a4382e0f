/**
 * The session's progress while its hand-off is on screen (the session tracker): polled with the session's
 * ticket, announced once per change, and no longer polled when it cannot change, when the signer cannot
 * tell, or when nobody is looking. The backoff itself is unit-tested in test/widget/core/poller.test.ts;
 * here the clock is faked so each poll is asked for by the test.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PaveCapture } from '../../../widget/index.ts';
import { en } from '../../../widget/strings/index.ts';
import { after, failure, fakeSigner, json, mount, part, recordEvents, session, settled, submit } from './fixture.ts';

const status = (value: string) => json(200, { status: value, updated_at: null });

/** The element with a session it created, its first poll answered. */
async function handedOver(routes: Parameters<typeof fakeSigner>[0], delivery: 'link' | 'sms' = 'link') {
  const created = session(delivery);
  const signer = fakeSigner({ create: json(201, created), ...routes });
  const element = await mount(delivery === 'sms' ? { delivery, phone: '+16474551234' } : {});
  await submit(element);
  return { created, signer, element };
}

beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));

describe('the session’s progress', () => {
  it('is polled with the session’s ticket, announced once per change, and no more once final', async () => {
    const events = recordEvents('pave-session-status');
    const { created, signer, element } = await handedOver({ status: [status('IDLE'), status('STARTED'), status('STARTED'), status('COMPLETE')] });
    expect(signer.statusPolls()).toHaveLength(1);
    expect(signer.statusPolls()[0]!.path).toBe(`/v1/sessions/${created.session_key}/status`);
    expect(signer.statusPolls()[0]!.headers.get('Authorization')).toBe(`Bearer ${created.ticket}`);
    expect(part(element, '.result [role=status]')!.textContent).toBe(en.status.IDLE);
    await after(2_000, element);
    await after(2_000, element);
    await after(3_000, element);
    expect(signer.statusPolls()).toHaveLength(4);
    expect(part(element, '.result [role=status]')!.textContent).toBe(en.status.COMPLETE);
    expect(events.of('pave-session-status')).toEqual(['IDLE', 'STARTED', 'COMPLETE'].map((value) => ({ session_key: created.session_key, status: value })));
    await after(60_000, element);
    expect(signer.statusPolls()).toHaveLength(4);
  });

  it('is polled again after a 5xx or a 429, which pass', async () => {
    const { signer, element } = await handedOver({ status: [failure(503, 'upstream_error'), failure(429, 'rate_limited'), status('STARTED')] });
    expect(part(element, '.result [role=status]')!.textContent).toBe(en.status.IDLE); // a new session, until a check answers
    await after(3_000, element);
    await after(4_500, element);
    expect(signer.statusPolls()).toHaveLength(3);
    expect(part(element, '.result [role=status]')!.textContent).toBe(en.status.STARTED);
  });

  it('is not polled again when the signer cannot tell (an older one: 404), and resend is not offered', async () => {
    const { signer, element } = await handedOver({}, 'sms');
    expect(element.state).toBe('sms');
    expect(signer.statusPolls()).toHaveLength(1);
    expect(part(element, '.result')!.textContent).not.toContain(en.resend);
    await after(60_000, element);
    expect(signer.statusPolls()).toHaveLength(1);
  });

  it('stops while the element is out of the page, and picks up at once when it is back', async () => {
    const { signer, element } = await handedOver({ status: status('IDLE') });
    element.remove();
    await after(60_000, element);
    expect(signer.statusPolls()).toHaveLength(1);
    document.body.append(element);
    await settled(element);
    expect(signer.statusPolls()).toHaveLength(2);
  });

  it('pauses while the tab is hidden, and polls at once when it is shown again', async () => {
    const { signer, element } = await handedOver({ status: status('IDLE') });
    const hidden = (value: boolean) => {
      Object.defineProperty(document, 'hidden', { value, configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    };
    try {
      hidden(true);
      await after(60_000, element);
      expect(signer.statusPolls()).toHaveLength(1);
      hidden(false);
      await settled(element);
      expect(signer.statusPolls()).toHaveLength(2);
    } finally {
      delete (document as { hidden?: boolean }).hidden;
    }
  });
});
