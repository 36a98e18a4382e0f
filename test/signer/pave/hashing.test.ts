import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nodeHashing } from '../../../signer/node-hashing.ts';
import { equalBytes, toHex, utf8, webCryptoHashing, type Hashing } from '../../../signer/pave/hashing.ts';
import { createTicketMinter } from '../../../signer/policy/ticket.ts';

const implementations: Array<[string, Hashing]> = [
  ['Web Crypto', webCryptoHashing],
  ['node:crypto', nodeHashing],
];

describe.each(implementations)('%s hashing', (_name, hashing) => {
  it('computes HMAC-SHA256 (RFC 4231 test case 2) and SHA-256', async () => {
    const mac = hashing.hmacSha256(utf8('Jefe'));
    expect(toHex(await mac(utf8('what do ya want for nothing?')))).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(toHex(await hashing.sha256(utf8('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('agrees with node:crypto on arbitrary keys and messages, the same MAC function reused', async () => {
    const key = utf8('s3cr3t:@€');
    const mac = hashing.hmacSha256(key);
    for (const message of ['', 'a', 'demo:test_key@2026-11-28T10:00:00Z', 'x'.repeat(1000)]) {
      expect(toHex(await mac(utf8(message)))).toBe(createHmac('sha256', key).update(message).digest('hex'));
      expect(toHex(await hashing.sha256(utf8(message)))).toBe(createHash('sha256').update(message).digest('hex'));
    }
  });
});

describe('toHex', () => {
  it('is lower-case hex of every byte value, as Buffer writes it', () => {
    const every = Uint8Array.from({ length: 256 }, (_, byte) => byte);
    expect(toHex(every)).toBe(Buffer.from(every).toString('hex'));
    expect(toHex(new Uint8Array())).toBe('');
  });
});

describe('tickets across hashing implementations', () => {
  it('verify whichever implementation minted them (a Node signer and a Worker share tickets)', async () => {
    const web = createTicketMinter('pave-secret');
    const node = createTicketMinter('pave-secret', nodeHashing);
    const ticket = await node.issue('default', 'DMO-7K2P9QX4ZT');
    expect(await web.issue('default', 'DMO-7K2P9QX4ZT')).toBe(ticket);
    expect(await web.verify('default', 'DMO-7K2P9QX4ZT', ticket)).toBe(true);
    expect(await node.verify('default', 'DMO-7K2P9QX4ZT', ticket)).toBe(true);
    expect(await node.verify('other', 'DMO-7K2P9QX4ZT', ticket)).toBe(false);
    expect(await createTicketMinter('another-secret', nodeHashing).verify('default', 'DMO-7K2P9QX4ZT', ticket)).toBe(false);
  });
});

describe('equalBytes', () => {
  it('is true only for the same bytes of the same length', () => {
    expect(equalBytes(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(equalBytes(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(equalBytes(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2]))).toBe(false);
    expect(equalBytes(new Uint8Array([]), new Uint8Array([]))).toBe(true);
  });

  it('refuses a prefix of the MAC, whichever side is shorter (a truncated ticket never verifies)', () => {
    expect(equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
    expect(equalBytes(new Uint8Array([]), new Uint8Array([1]))).toBe(false);
  });
});
