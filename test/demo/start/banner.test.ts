/**
 * What `npm start` prints (demo/start/banner.ts): the URLs, and — only when PUBLIC_HOST opens the demo to
 * the network — who can reach what; otherwise how to open it from a phone.
 */
import { describe, expect, it } from 'vitest';
import { startBanner } from '../../../demo/start/banner.ts';
import { demoPlan } from '../../../demo/start/plan.ts';

describe('startBanner', () => {
  it('on loopback: the three URLs, and the PUBLIC_HOST command for a phone with this computer’s address', () => {
    const lines = startBanner({ plan: demoPlan({}), paveBaseUrl: 'http://127.0.0.1:8788', addresses: ['192.168.1.20', '10.0.0.7'] });
    expect(lines).toEqual([
      '',
      '  pave-capture demo',
      '  ➜ Dealer page:  http://localhost:5173/',
      '  ➜ Signer:       http://127.0.0.1:8787  →  http://127.0.0.1:8788  (PAVE sandbox)',
      '  ➜ Sandbox:      http://127.0.0.1:8788  (SMS outbox: http://127.0.0.1:8788/_sandbox/outbox)',
      '',
      "  Listening on this computer only (127.0.0.1). To open the demo from a phone on the same network: PUBLIC_HOST=192.168.1.20 npm start (this computer's other addresses: 10.0.0.7)",
      '',
    ]);
  });

  it('with PUBLIC_HOST: the phone’s URL, and plainly that the page and the sandbox listen on every interface', () => {
    const plan = demoPlan({ PUBLIC_HOST: '192.168.1.20' }, ['192.168.1.20']);
    const text = startBanner({ plan, paveBaseUrl: 'http://127.0.0.1:8788', addresses: ['192.168.1.20'] }).join('\n');
    expect(text).toContain('  ➜ Dealer page:  http://localhost:5173/\n  ➜ On a phone:   http://192.168.1.20:5173/  (QR codes, capture links and the return page use 192.168.1.20)');
    expect(text).toContain(
      "  ! PUBLIC_HOST is set, so the dealer page (port 5173) and the PAVE sandbox (port 8788) listen on every network interface (0.0.0.0): anyone on this network can open them, the sandbox's controls included. The signer stays on 127.0.0.1. Unset PUBLIC_HOST to keep the demo on this computer.",
    );
    expect(text).toContain("this computer's firewall lets in ports 5173 and 8788.");
    expect(text).not.toContain('Listening on this computer only');
  });

  it('with real PAVE and PUBLIC_HOST: only the page is open, and the sandbox is said not to run', () => {
    const plan = demoPlan({ PUBLIC_HOST: 'laptop.local', PAVE_USERNAME: 'u', PAVE_API_KEY: 'k', PAVE_API_SECRET: 's' });
    const text = startBanner({ plan, paveBaseUrl: 'https://openapi.paveapi.com', addresses: [] }).join('\n');
    expect(text).toContain('  ➜ Signer:       http://127.0.0.1:8787  →  https://openapi.paveapi.com  (real PAVE)');
    expect(text).toContain('  ➜ Sandbox:      not started: real PAVE credentials are configured');
    expect(text).toContain('so the dealer page (port 5173) listens on every network interface (0.0.0.0): anyone on this network can open it. The signer');
    expect(text).toContain('lets in port 5173.');
  });

  it('prints the plan’s warnings', () => {
    const plan = demoPlan({ PUBLIC_HOST: '192.168.1.99' }, ['192.168.1.20']);
    expect(startBanner({ plan, paveBaseUrl: 'http://127.0.0.1:8788', addresses: ['192.168.1.20'] })).toContain(
      '  ! PUBLIC_HOST=192.168.1.99 is not an address of this computer (its addresses: 192.168.1.20): a phone may not reach the demo there.',
    );
  });

  it('with no known address, says what to put in PUBLIC_HOST', () => {
    expect(startBanner({ plan: demoPlan({}), paveBaseUrl: 'http://127.0.0.1:8788', addresses: [] }).join('\n')).toContain(
      "PUBLIC_HOST=<this computer's address on the network> npm start",
    );
  });
});
