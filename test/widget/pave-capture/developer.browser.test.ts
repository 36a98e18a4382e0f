/**
 * Help for the page's developer, one console warning per cause naming the fix, while the customer reads
 * a neutral "not available right now" — and a QR encoder that cannot be had leaves the link as the way.
 */
import { describe, expect, it, vi } from 'vitest';
import { setModuleLoader } from '../../../widget/on-demand/loader.ts';
import { en } from '../../../widget/strings/index.ts';
import { fakeSigner, failure, json, mount, part, session, settled, submit } from './fixture.ts';

/** The console's warnings in this test (the setup fails a test on any it did not expect). */
const warnings = () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  return () => warn.mock.calls.map((args) => String(args[0]));
};

describe('developer help', () => {
  // First in the file: the encoder is fetched once per page, by the first desktop that needs it.
  it('a QR encoder that cannot load: the link is the primary action with Copy link, no empty square, and a CORS hint', async () => {
    const seen = warnings();
    setModuleLoader(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    fakeSigner({ create: json(201, session()), status: json(200, { status: 'IDLE', updated_at: null }) });
    const element = await mount();
    await submit(element);
    await vi.waitFor(() => expect(part(element, '.qr')).toBeNull());
    expect(part(element, '.title')!.textContent).toBe(en.linkTitle);
    expect(part(element, 'button.primary')!.textContent).toBe(en.copyLink);
    expect(part(element, 'a.link')).not.toBeNull();
    expect(seen()).toEqual([expect.stringMatching(/pave-capture\.qr\.js.*CORS/)]);
  });
  it('no signer attribute: nothing sent, one warning naming the attribute', async () => {
    const seen = warnings();
    const signer = fakeSigner({ create: json(201, session()) });
    const element = await mount({ signer: '' });
    await submit(element);
    await submit(element);
    expect(signer.sent).toEqual([]);
    expect(part(element, '[role=alert]')!.textContent).toBe(en.errors.bad_response);
    expect(seen()).toEqual([expect.stringContaining('no `signer` attribute')]);
  });

  it('a refused origin: one warning naming ALLOWED_ORIGINS, however often the customer tries', async () => {
    const seen = warnings();
    fakeSigner({ create: failure(403, 'origin_not_allowed') });
    const element = await mount();
    await submit(element);
    await submit(element);
    expect(seen()).toEqual([expect.stringContaining('ALLOWED_ORIGINS')]);
    expect(seen()[0]).toContain(location.origin);
  });

});
