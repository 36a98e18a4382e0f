/**
 * What `npm start` decides before anything listens (demo/start/plan.ts): ports, where each server
 * listens, and the addresses of the page, the capture links and the return page. Pure: nothing listens here.
 */
import { describe, expect, it } from 'vitest';
import { demoPlan, DemoSettingsError, listeners } from '../../../demo/start/plan.ts';

const CREDENTIALS = { PAVE_USERNAME: 'dealer', PAVE_API_KEY: 'key', PAVE_API_SECRET: 'secret' };

describe('demoPlan', () => {
  it('by default: the sandbox, everything on loopback, links at 127.0.0.1 and localhost', () => {
    const plan = demoPlan({});
    expect(plan.useSandbox).toBe(true);
    expect(listeners(plan).map(({ setting, port, host }) => [setting, port, host])).toEqual([
      ['DEMO_PORT', 5173, '127.0.0.1'],
      ['PORT', 8787, '127.0.0.1'],
      ['SANDBOX_PORT', 8788, '127.0.0.1'],
    ]);
    expect(plan).toMatchObject({
      publicHost: undefined,
      pageUrl: 'http://localhost:5173/',
      phonePageUrl: undefined,
      pageOrigins: ['http://localhost:5173', 'http://127.0.0.1:5173'],
      redirectUrl: 'http://localhost:5173/thanks.html',
      captureBaseUrl: 'http://127.0.0.1:8788/capture',
      allowedHosts: [],
      warnings: [],
    });
  });

  it('with PUBLIC_HOST: the page and the sandbox listen on every interface, the signer stays on loopback, and every phone-facing address uses it', () => {
    const plan = demoPlan({ PUBLIC_HOST: '192.168.1.20', DEMO_PORT: '5300', SANDBOX_PORT: '8900' }, ['192.168.1.20']);
    expect(listeners(plan).map(({ setting, host }) => [setting, host])).toEqual([
      ['DEMO_PORT', '0.0.0.0'],
      ['PORT', '127.0.0.1'],
      ['SANDBOX_PORT', '0.0.0.0'],
    ]);
    expect(plan).toMatchObject({
      publicHost: '192.168.1.20',
      pageUrl: 'http://localhost:5300/',
      phonePageUrl: 'http://192.168.1.20:5300/',
      pageOrigins: ['http://localhost:5300', 'http://127.0.0.1:5300', 'http://192.168.1.20:5300'],
      redirectUrl: 'http://192.168.1.20:5300/thanks.html',
      captureBaseUrl: 'http://192.168.1.20:8900/capture',
      // An IP address needs no entry: Vite answers IP addresses anyway.
      allowedHosts: [],
      warnings: [],
    });
  });

  it('a host name PUBLIC_HOST is also a host the dev server answers; an IPv6 one is bracketed in every URL', () => {
    expect(demoPlan({ PUBLIC_HOST: 'My-Laptop.local' })).toMatchObject({ allowedHosts: ['my-laptop.local'], phonePageUrl: 'http://my-laptop.local:5173/' });
    expect(demoPlan({ PUBLIC_HOST: 'fd00::20' })).toMatchObject({
      allowedHosts: [],
      captureBaseUrl: 'http://[fd00::20]:8788/capture',
      pageOrigins: expect.arrayContaining(['http://[fd00::20]:5173']),
    });
  });

  it('warns, without refusing, when PUBLIC_HOST is an address this computer does not have', () => {
    expect(demoPlan({ PUBLIC_HOST: '192.168.1.99' }, ['192.168.1.20']).warnings).toEqual([
      'PUBLIC_HOST=192.168.1.99 is not an address of this computer (its addresses: 192.168.1.20): a phone may not reach the demo there.',
    ]);
  });

  it('with real PAVE credentials: no sandbox, PAVE’s own capture links; DEMO_USE_SANDBOX=true brings the sandbox back', () => {
    const real = demoPlan({ ...CREDENTIALS, PUBLIC_HOST: '192.168.1.20' });
    expect(real).toMatchObject({ useSandbox: false, sandbox: undefined, captureBaseUrl: undefined, redirectUrl: 'http://192.168.1.20:5173/thanks.html' });
    expect(listeners(real).map((listener) => listener.setting)).toEqual(['DEMO_PORT', 'PORT']);
    expect(demoPlan({ ...CREDENTIALS, DEMO_USE_SANDBOX: 'true' })).toMatchObject({ useSandbox: true, captureBaseUrl: 'http://127.0.0.1:8788/capture' });
  });

  it('SANDBOX_LOCAL_CAPTURE=false keeps PAVE’s branded capture links from the sandbox', () => {
    expect(demoPlan({ SANDBOX_LOCAL_CAPTURE: 'false' })).toMatchObject({ useSandbox: true, captureBaseUrl: undefined });
  });

  it('refuses bad ports and a bad PUBLIC_HOST together, one line each', () => {
    const refusal = (() => {
      try {
        demoPlan({ DEMO_PORT: 'abc', PORT: '70000', SANDBOX_PORT: '0', PUBLIC_HOST: 'http://x' });
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(DemoSettingsError);
    expect((refusal as Error).message.split('\n')).toEqual([
      'npm start: DEMO_PORT must be a port number from 1 to 65535 (got "abc").',
      'npm start: PORT must be a port number from 1 to 65535 (got "70000").',
      'npm start: SANDBOX_PORT must be a port number from 1 to 65535 (got "0").',
      'npm start: PUBLIC_HOST takes a host name or an IP address, without "http://" (got "http://x"): e.g. PUBLIC_HOST=192.168.1.20.',
    ]);
  });

  it('refuses two servers on one port (the sandbox’s only counts when it runs)', () => {
    expect(() => demoPlan({ PORT: '5173' })).toThrow('npm start: DEMO_PORT, PORT and SANDBOX_PORT must be different ports (got 5173, 5173, 8788).');
    expect(() => demoPlan({ ...CREDENTIALS, SANDBOX_PORT: '8787' })).not.toThrow();
  });

  it('an empty setting (a blank line of .env) is as good as unset', () => {
    expect(demoPlan({ PUBLIC_HOST: ' ', DEMO_PORT: '' })).toMatchObject({ publicHost: undefined, pageUrl: 'http://localhost:5173/' });
  });
});
