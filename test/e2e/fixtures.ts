/**
 * What every browser test shares: a fresh sandbox, no page errors and no console errors (checked after each
 * test), and small helpers for events, the sandbox's records and fake follow-up routes.
 */
import { test as base, expect, type ConsoleMessage, type Page, type Route } from '@playwright/test';

export { expect };

export const VIN = '1HGCM82633A004352';

export interface Problems {
  /** A test that provokes a failed load on purpose (a 502 from the signer) names its URL here. */
  allowFailedLoad(url: RegExp): void;
}

export const test = base.extend<{ problems: Problems }>({
  problems: [
    async ({ page, request }, use) => {
      await request.post('/sandbox/_sandbox/reset');
      const problems: string[] = [];
      const allowed: RegExp[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message: ConsoleMessage) => {
        if (message.type() !== 'error') return;
        const { url } = message.location();
        if (message.text().startsWith('Failed to load resource') && allowed.some((pattern) => pattern.test(url))) return;
        problems.push(`${message.text()} (${url})`);
      });
      await use({ allowFailedLoad: (url) => void allowed.push(url) });
      expect(problems).toEqual([]);
    },
    { auto: true },
  ],
});

/** Resolves with the detail of the next event of this type on the document. */
export function nextEvent<T = Record<string, unknown>>(page: Page, type: string): Promise<T> {
  return page.evaluate(
    (eventType) => new Promise<T>((resolve) => document.addEventListener(eventType, (event) => resolve((event as CustomEvent).detail), { once: true })),
    type,
  );
}

/** Every event the widget fires from now on, read later with `events(page)`. */
export async function recordEvents(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: Array<{ type: string; detail: unknown }> = [];
    (window as unknown as { paveEvents: typeof log }).paveEvents = log;
    for (const type of ['pave-session-created', 'pave-sms-sent', 'pave-session-status', 'pave-error', 'pave-state-change']) {
      document.addEventListener(type, (event) => log.push({ type, detail: (event as CustomEvent).detail }));
    }
  });
}

export function events(page: Page, type: string): Promise<unknown[]> {
  return page.evaluate(
    (wanted) => (window as unknown as { paveEvents: Array<{ type: string; detail: unknown }> }).paveEvents.filter((e) => e.type === wanted).map((e) => e.detail),
    type,
  );
}

/** The Create Session calls the sandbox received. */
export async function createCalls(page: Page): Promise<Array<{ body: Record<string, unknown> }>> {
  const { requests } = (await (await page.request.get('/sandbox/_sandbox/requests')).json()) as {
    requests: Array<{ method: string; path: string; body: Record<string, unknown> }>;
  };
  return requests.filter((r) => r.method === 'POST' && r.path === '/v1/sessions');
}

export interface FakeFollowUps {
  /** Status calls seen, with their Authorization header. */
  statusCalls: string[];
  resendCalls: string[];
}

/**
 * Fakes the signer's follow-up routes with exactly the contract's bodies (docs/design.md, "Signer HTTP contract"): each status call
 * answers the next status of `statuses` (the last one repeats); resend answers `resend`.
 */
export async function fakeFollowUps(
  page: Page,
  options: {
    statuses?: string[];
    status?: { status: number; body: unknown };
    resend?: { status: number; body: unknown };
  },
): Promise<FakeFollowUps> {
  const calls: FakeFollowUps = { statusCalls: [], resendCalls: [] };
  const statuses = [...(options.statuses ?? ['IDLE'])];
  const json = (route: Route, status: number, body: unknown) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  await page.route('**/signer/v1/sessions/*/status', (route) => {
    calls.statusCalls.push(route.request().headers().authorization ?? '');
    if (options.status) return json(route, options.status.status, options.status.body);
    const status = statuses.length > 1 ? statuses.shift()! : statuses[0]!;
    return json(route, 200, { status, updated_at: '2026-11-28T10:00:00Z' });
  });
  await page.route('**/signer/v1/sessions/*/resend', (route) => {
    calls.resendCalls.push(route.request().headers().authorization ?? '');
    const answer = options.resend ?? { status: 200, body: { sms_to: '+1 ••• ••• 0143' } };
    return json(route, answer.status, answer.body);
  });
  return calls;
}

/** Switches the demo page's widget to another delivery, as the demo's own control does. */
export async function useDelivery(page: Page, delivery: 'auto' | 'link' | 'sms'): Promise<void> {
  await page.locator('#delivery').selectOption(delivery);
}
