/**
 * What follows the press (the hand-off screens, their words, status tracking) comes from a file fetched on
 * demand; when it cannot be had (blocked, no CORS) the customer still gets the capture link itself, and the
 * developer a console warning naming the file and CORS. Apart from fixture.ts, which fetches that file first.
 */
import { expect, it, vi } from 'vitest';
import '../../../widget/index.ts';
import type { PaveCapture } from '../../../widget/index.ts';
import { setModuleLoader } from '../../../widget/on-demand/loader.ts';
import { formEnglish } from '../../../widget/strings/index.ts';

it('a hand-off file that cannot load: the capture link, a way back, and a CORS hint; the signer’s own words for errors', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  setModuleLoader(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
  const capture_url = 'https://demo.vehiclecapture.com/DMO-FALLBACK01';
  const answers = [
    new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'Too many requests.', issues: [] } }), { status: 429, headers: { 'Content-Type': 'application/json' } }),
    new Response(JSON.stringify({ session_key: 'DMO-FALLBACK01', capture_url, delivery: 'link', ticket: 't' }), { status: 201, headers: { 'Content-Type': 'application/json' } }),
  ];
  vi.stubGlobal('fetch', vi.fn(async () => answers.shift()!));
  const element = document.createElement('pave-capture') as PaveCapture;
  element.setAttribute('signer', 'https://signer.test');
  document.body.append(element);
  await element.updateComplete;
  const root = element.shadowRoot!;
  const press = () => root.querySelector<HTMLButtonElement>('button[type=submit]')!.click();

  press();
  await vi.waitFor(() => expect(root.querySelector('[role=alert]')!.textContent).toBe('Too many requests.'));
  press();
  await vi.waitFor(() => expect(element.state).toBe('link'));
  await element.updateComplete;
  expect(root.querySelector('.title')!.textContent).toBe(formEnglish.linkTitle);
  expect(root.querySelector<HTMLAnchorElement>('a.link')!.href).toBe(capture_url);
  expect(root.querySelector('button')!.textContent).toBe(formEnglish.startOver);
  // (A desktop asked for the QR encoder too, which this page cannot load either.)
  expect(warn.mock.calls.map((args) => String(args[0]))).toEqual(expect.arrayContaining([expect.stringMatching(/pave-capture\.handoff\.js.*CORS/)]));

  root.querySelector('button')!.click();
  await vi.waitFor(() => expect(element.state).toBe('idle'));
  element.remove();
  vi.unstubAllGlobals();
  localStorage.clear();
});
