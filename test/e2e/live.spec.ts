/**
 * The follow-up routes for real, no fakes: the widget polls the signer's status route through the demo's
 * same-origin proxy (a GET that browsers send without Origin), the signer proves ownership with the ticket
 * and asks the sandbox, and resend goes all the way to the sandbox's v2 route.
 */
import { expect, test, useDelivery } from './fixtures.ts';

test('live status and resend through the real signer and sandbox', async ({ page, request }) => {
  await page.goto('/');
  await useDelivery(page, 'sms');
  const created = page.waitForResponse('**/signer/v1/sessions').then((response) => response.json() as Promise<{ session_key: string }>);
  const widget = page.locator('pave-capture');
  await widget.getByLabel('Mobile phone').fill('2025550143');
  await widget.getByRole('button', { name: 'Text me the link' }).click();
  const { session_key } = await created;
  await expect(widget.getByText('We texted a link to •••-•••-0143.')).toBeVisible();

  // The first poll answers from the sandbox: the session exists and nobody has opened it yet.
  const progress = widget.getByRole('status').filter({ hasText: /./ });
  await expect(progress).toHaveText('Waiting for the link to be opened.', { timeout: 10_000 });

  // The customer opens the link: the sandbox moves the session on, the widget hears it at its next poll.
  const moved = await request.post(`/sandbox/_sandbox/sessions/${session_key}/status`, { data: { status: 'STARTED' } });
  expect(moved.ok()).toBe(true);
  await expect(progress).toHaveText('Inspection started.', { timeout: 10_000 });

  await widget.getByRole('button', { name: 'Resend text' }).click();
  await expect(widget.getByText('We texted the link again to •••-•••-0143.')).toBeVisible();
  const { messages } = (await (await request.get('/sandbox/_sandbox/outbox')).json()) as { messages: Array<{ to: string; kind: string }> };
  expect(messages.map(({ to, kind }) => [to, kind])).toEqual([
    ['+12025550143', 'create'],
    ['+12025550143', 'resend'],
  ]);
});
