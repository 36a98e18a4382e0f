/**
 * A stand-in for PAVE's capture app, so the demo's "Start inspection" link opens something offline.
 * It shows the session's status and a button that walks the documented lifecycle.
 */
import { html } from 'hono/html';
import type { StoredSession } from './store.ts';

export function capturePage(session: StoredSession | undefined) {
  const body = session
    ? html`<h1>Vehicle inspection</h1>
        <p>Session <code>${session.session_key}</code>${session.vehicle?.vin ? html` for VIN <code>${String(session.vehicle.vin)}</code>` : ''}.</p>
        <p>Status: <strong data-status>${session.status}</strong></p>
        <p>On a real PAVE link the customer would now photograph the vehicle. Here, step through the lifecycle:</p>
        <form method="post" action="/capture/${session.session_key}/next"><button ${session.active ? '' : 'disabled'}>Next step</button></form>`
    : html`<h1>Session not found</h1><p>This capture link is unknown to the sandbox (it forgets everything on restart).</p>`;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>PAVE sandbox capture</title>
        <style>
          body { font: 16px/1.5 system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem; }
          button { font: inherit; min-height: 44px; padding: 0 1.25rem; }
          .banner { background: #fff3cd; padding: 0.5rem 0.75rem; border-radius: 6px; }
        </style>
      </head>
      <body>
        <p class="banner">PAVE sandbox — not the real capture app.</p>
        ${body}
      </body>
    </html>`;
}
