/**
 * What the element's browser tests share: a `<pave-capture>` in the page, and a fake signer behind a
 * `fetch` stub that records every request the element sends — nothing leaves the page. Elements, the
 * stub and `localStorage` are cleaned up after each test.
 */
import { afterEach, vi } from 'vitest';
import '../../../widget/index.ts';
import type { PaveCapture } from '../../../widget/index.ts';
import { loadHandoff } from '../../../widget/on-demand/handoff-loader.ts';

// What follows the press is fetched as the form is sent; here, once, before any test (some then make every
// on-demand load fail, to see the QR encoder's fallback). `handoff-fallback.browser.test.ts` sees it fail.
await loadHandoff();

export const SIGNER = 'https://signer.test';
export const VIN = '1HGCM82633A004352';

/** A request as the element sent it. */
export interface Sent {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

/** One answer of the fake signer; a promise holds the answer back until the test settles it. */
export type Answer = Response | Promise<Response>;

/** What each route answers: one answer, or a queue of them (the last one repeats). Absent: 404 `not_found`, like an older signer. */
export interface Routes {
  create?: (() => Answer) | Array<() => Answer>;
  status?: (() => Answer) | Array<() => Answer>;
  resend?: (() => Answer) | Array<() => Answer>;
}

export const json = (status: number, body: unknown) => () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

export const failure = (status: number, code: string, issues: Array<{ path: string; message: string }> = []) =>
  json(status, { error: { code, message: `The signer says ${code}.`, issues } });

let count = 0;
/** A fresh session as the signer's `201` has it (a new key each call). */
export function session(delivery: 'link' | 'sms' = 'link') {
  const key = `DMO-TEST${String(++count).padStart(6, '0')}`;
  return { session_key: key, capture_url: `https://demo.vehiclecapture.com/${key}`, delivery, ticket: `ticket-${key}`, ...(delivery === 'sms' ? { sms_to: '+1 ••• ••• 1234' } : {}) };
}

/** The signer, faked: answers by route and records what was sent. */
export function fakeSigner(routes: Routes = {}) {
  const sent: Sent[] = [];
  const queues = new Map(Object.entries(routes).flatMap(([route, answers]) => (answers ? [[route, [answers].flat()]] : [])));
  const answer = (route: keyof Routes): Answer => {
    const queue = queues.get(route);
    if (!queue?.length) return failure(404, 'not_found')();
    return (queue.length > 1 ? queue.shift()! : queue[0]!)();
  };
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const text = await request.text();
    sent.push({ method: request.method, path: url.pathname, headers: request.headers, body: text ? JSON.parse(text) : undefined });
    if (url.origin !== SIGNER) throw new TypeError('Failed to fetch');
    if (request.method === 'POST' && url.pathname === '/v1/sessions') return answer('create');
    if (request.method === 'GET' && /^\/v1\/sessions\/[^/]+\/status$/.test(url.pathname)) return answer('status');
    if (request.method === 'POST' && /^\/v1\/sessions\/[^/]+\/resend$/.test(url.pathname)) return answer('resend');
    return failure(404, 'not_found')();
  });
  vi.stubGlobal('fetch', fetch);
  return {
    sent,
    /** The create requests sent so far. */
    creates: () => sent.filter((request) => request.path === '/v1/sessions'),
    statusPolls: () => sent.filter((request) => request.path.endsWith('/status')),
  };
}

/** A promise the test resolves by hand, to hold an answer back. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((ok) => (resolve = ok));
  return { promise, resolve };
}

/** A `<pave-capture>` with these attributes, in the page and rendered. */
export async function mount(attributes: Record<string, string> = {}): Promise<PaveCapture> {
  const element = document.createElement('pave-capture');
  for (const [name, value] of Object.entries({ signer: SIGNER, ...attributes })) element.setAttribute(name, value);
  document.body.append(element);
  await element.updateComplete;
  return element;
}

/** The element's shadow root, queried. */
export function part<E extends Element = HTMLElement>(element: PaveCapture, selector: string): E | null {
  return element.shadowRoot!.querySelector<E>(selector);
}

/** Submits the form as a click on its submit button does, and waits for the element to settle. */
export async function submit(element: PaveCapture): Promise<void> {
  part<HTMLButtonElement>(element, 'button[type=submit]')!.click();
  await settled(element);
}

/** Types into a field as a person does: the value changes, then `input` fires. */
export async function typeInto(element: PaveCapture, name: 'vin' | 'phone', text: string): Promise<void> {
  const input = part<HTMLInputElement>(element, `input[name=${name}]`)!;
  input.value = text;
  input.setSelectionRange(text.length, text.length);
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await element.updateComplete;
}

/**
 * Lets the element's pending requests answer and its renders finish. Yields through a message channel,
 * which fake timers leave alone, so it works with `vi.useFakeTimers()` too.
 */
export async function settled(element: PaveCapture): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(undefined);
    });
    await element.updateComplete;
  }
}

/** Moves the fake clock on (`vi.useFakeTimers()`), then lets what it started — a poll, a retry — answer. */
export async function after(ms: number, element: PaveCapture): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await settled(element);
}

/** Every event of these types the elements fire from now on, on `document`. */
export function recordEvents(...types: string[]) {
  const log: Array<{ type: string; detail: Record<string, unknown> }> = [];
  const listener = (event: Event) => log.push({ type: event.type, detail: (event as CustomEvent).detail });
  for (const type of types) document.addEventListener(type, listener);
  cleanups.push(() => types.forEach((type) => document.removeEventListener(type, listener)));
  return {
    log,
    of: (type: string) => log.filter((entry) => entry.type === type).map((entry) => entry.detail),
  };
}

const cleanups: Array<() => void> = [];

afterEach(() => {
  for (const element of document.querySelectorAll('pave-capture')) element.remove();
  cleanups.splice(0).forEach((cleanup) => cleanup());
  vi.unstubAllGlobals();
  vi.useRealTimers();
  localStorage.clear();
});
