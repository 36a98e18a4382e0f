/**
 * PUBLIC_HOST as `npm start` reads it (demo/start/public-host.ts): a host name or IP address a phone can
 * open — nothing else, and never loopback or "every interface". Pure: no address here is ever contacted.
 */
import { describe, expect, it } from 'vitest';
import { isLoopback, parsePublicHost, publicHostWarning } from '../../../demo/start/public-host.ts';

const ADDRESSES = ['192.168.1.20', '10.0.0.7'];

describe('parsePublicHost', () => {
  it('takes an IPv4 address, a host name (lower-cased) and an IPv6 address (bracketed for URLs)', () => {
    expect(parsePublicHost('192.168.1.20', ADDRESSES)).toEqual({ host: '192.168.1.20' });
    expect(parsePublicHost('  My-Laptop.local ', ADDRESSES)).toEqual({ host: 'my-laptop.local' });
    expect(parsePublicHost('fd00::20', ADDRESSES)).toEqual({ host: '[fd00::20]' });
    expect(parsePublicHost('[fd00::20]', ADDRESSES)).toEqual({ host: '[fd00::20]' });
  });

  it('refuses a URL, naming what to drop, and suggests this computer’s address', () => {
    expect(parsePublicHost('http://192.168.1.20:5173', ADDRESSES)).toEqual({
      problem: 'PUBLIC_HOST takes a host name or an IP address, without "http://" (got "http://192.168.1.20:5173"): e.g. PUBLIC_HOST=192.168.1.20.',
    });
  });

  it('refuses a port, saying which settings hold the ports', () => {
    for (const raw of ['192.168.1.20:5173', 'laptop.local:80', '[fd00::20]:8788']) {
      expect(parsePublicHost(raw, ADDRESSES)).toEqual({
        problem: `PUBLIC_HOST takes a host name or an IP address, without a port (got "${raw}"): the ports are DEMO_PORT and SANDBOX_PORT.`,
      });
    }
  });

  it('refuses anything else that is not a plain host: a path, a user, spaces, odd digits', () => {
    for (const raw of ['192.168.1.20/thanks', 'me@laptop.local', 'my laptop', '192.168.001.020', 'laptop.local?x', 'fe80::1%wlan0']) {
      const parsed = parsePublicHost(raw, ADDRESSES);
      expect(parsed, raw).toEqual({ problem: `PUBLIC_HOST takes a host name or an IP address that a phone on the same network can open (got "${raw}"): e.g. PUBLIC_HOST=192.168.1.20.` });
    }
  });

  it('refuses loopback, which a phone cannot open, listing this computer’s addresses instead', () => {
    for (const raw of ['localhost', '127.0.0.1', '127.1.2.3', '::1', 'demo.localhost']) {
      const parsed = parsePublicHost(raw, ADDRESSES);
      expect(parsed, raw).toEqual({
        problem: `PUBLIC_HOST=${raw} is this computer's loopback address, which a phone cannot open: use this computer's address on the network (PUBLIC_HOST=192.168.1.20 or PUBLIC_HOST=10.0.0.7), or leave PUBLIC_HOST unset.`,
      });
    }
    expect(parsePublicHost('localhost', [])).toMatchObject({ problem: expect.stringContaining("this computer's address on the network (e.g. 192.168.1.20)") });
  });

  it('refuses "every interface": that is where to listen, not an address to open', () => {
    for (const raw of ['0.0.0.0', '::']) {
      expect(parsePublicHost(raw, ADDRESSES)).toMatchObject({ problem: expect.stringMatching(/^PUBLIC_HOST=.* means "every interface", which is where to listen, not an address to open/) });
    }
  });
});

describe('publicHostWarning', () => {
  it('warns about an IP address this computer does not have, not about its own or a host name', () => {
    expect(publicHostWarning('192.168.1.99', ADDRESSES)).toBe(
      'PUBLIC_HOST=192.168.1.99 is not an address of this computer (its addresses: 192.168.1.20, 10.0.0.7): a phone may not reach the demo there.',
    );
    expect(publicHostWarning('192.168.1.20', ADDRESSES)).toBeUndefined();
    expect(publicHostWarning('my-laptop.local', ADDRESSES)).toBeUndefined();
    // Addresses unknown: nothing to compare with.
    expect(publicHostWarning('192.168.1.99', [])).toBeUndefined();
  });
});

describe('isLoopback', () => {
  it('knows the loopback names and ranges, and nothing else', () => {
    expect(['localhost', 'a.localhost', '127.0.0.1', '127.255.0.9', '[::1]'].filter(isLoopback)).toHaveLength(5);
    expect(['192.168.1.20', 'localhost.example', '128.0.0.1', '[fd00::1]'].filter(isLoopback)).toEqual([]);
  });
});
