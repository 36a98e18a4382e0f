/**
 * A stand-in for PAVE's capture app, so the demo's "Start inspection" link opens something offline.
 * It shows the session's status and a button for the next step of the documented lifecycle; the last
 * step ends at the session's `redirect_url` (routes/capture.ts, rules.ts `CAPTURE`).
 */
import { html } from 'hono/html';
import { LIFECYCLE } from './lifecycle.ts';
import { CAPTURE } from './rules.ts';
import type { StoredSession } from './store.ts';

export function capturePage(session: StoredSession | undefined) {
  const body = session
    ? html`<h1>Vehicle inspection</h1>
        <p>Session <code>${session.session_key}</code>${session.vehicle?.vin ? html` for VIN <code>${String(session.vehicle.vin)}</code>` : ''}.</p>
        <p>Status: <strong data-status>${session.status}</strong></p>
        ${sessionBody(session)}`
    : html`<h1>Session not found</h1><p>This capture link is unknown to the sandbox (it forgets everything on restart).</p>`;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>PAVE sandbox capture</title>
        <link rel="icon" href="data:," />
        <style>
          body { font: 16px/1.5 system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem; }
          button { font: inherit; min-height: 44px; padding: 0 1.25rem; }
          .banner { background: #fff3cd; color: #3d2e00; padding: 0.5rem 0.75rem; border-radius: 6px; }
          ol { padding-left: 1.5rem; }
          [aria-current] { font-weight: bold; }
        </style>
      </head>
      <body>
        <header><p class="banner">PAVE sandbox — not the real capture app.</p></header>
        <main>${body}</main>
      </body>
    </html>`;
}

function sessionBody(session: StoredSession) {
  if (session.status === 'EXPIRED' || session.status === 'INVALID') return html`<p>${CAPTURE.messages[session.status]}</p>`;
  if (session.status === 'COMPLETE') {
    return html`<p>${CAPTURE.messages.complete}</p>
      ${session.redirect_url ? html`<p><a href="${session.redirect_url}">${CAPTURE.messages.back}</a></p>` : ''}`;
  }
  const step = CAPTURE.steps[session.status];
  return html`<p>On a real PAVE link the customer would now photograph the vehicle. Here, step through the lifecycle:</p>
    <ol>
      ${LIFECYCLE.map((status) => html`<li ${status === session.status ? html`aria-current="step"` : ''}>${status}</li>`)}
    </ol>
    <form method="post" action="/capture/${session.session_key}/next"><button>${step}</button></form>`;
}
