import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nodeHashing } from '../../../signer/node-hashing.ts';
import { bearerTicket, createTicketMinter, toBase64Url } from '../../../signer/policy/ticket.ts';

/** The ticket computed independently with node:crypto: base64url of HMAC(HMAC(secret, label), site \n key). */
const expectedTicket = (secret: string, site: string, key: string) =>
  createHmac('sha256', createHmac('sha256', secret).update('pave-capture ticket v1').digest()).update(`${site}\n${key}`).digest('base64url');

describe('tickets', () => {
  it('prove site + session, under a key derived from the PAVE secret', async () => {
    const tickets = createTicketMinter('secret');
    const ticket = await tickets.issue('main-street', 'DMO-7K2P9QX4ZT');
    expect(ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await tickets.verify('main-street', 'DMO-7K2P9QX4ZT', ticket)).toBe(true);
    expect(await tickets.verify('north-end', 'DMO-7K2P9QX4ZT', ticket)).toBe(false);
    expect(await tickets.verify('main-street', 'DMO-7K2P9QX4ZU', ticket)).toBe(false);
    expect(await createTicketMinter('other secret').verify('main-street', 'DMO-7K2P9QX4ZT', ticket)).toBe(false);
    expect(await tickets.verify('main-street', 'DMO-7K2P9QX4ZT', 'x')).toBe(false);
    expect(await tickets.verify('main-street', 'DMO-7K2P9QX4ZT', '')).toBe(false);
    // The same 32 bytes spelled with the last character's spare bits set: one spelling per ticket.
    const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (const spare of [1, 2, 3]) {
      const respelled = `${ticket.slice(0, -1)}${ALPHABET[ALPHABET.indexOf(ticket.at(-1)!) ^ spare]}`;
      expect(Buffer.from(respelled, 'base64url')).toEqual(Buffer.from(ticket, 'base64url'));
      expect(await tickets.verify('main-street', 'DMO-7K2P9QX4ZT', respelled), respelled).toBe(false);
    }
  });
});

describe('ticket encoding', () => {
  it('is base64url of the documented MAC, with Web Crypto and with node:crypto alike (tickets already issued stay valid)', async () => {
    for (const hashing of [undefined, nodeHashing]) {
      const tickets = createTicketMinter('secret', hashing);
      for (let i = 0; i < 50; i++) {
        const key = `DMO-${randomBytes(5).toString('hex').toUpperCase()}`;
        const ticket = await tickets.issue('main-street', key);
        expect(ticket).toBe(expectedTicket('secret', 'main-street', key));
        expect(await tickets.verify('main-street', key, expectedTicket('secret', 'main-street', key))).toBe(true);
      }
    }
  });
});

describe('base64url', () => {
  it('spells any length as node:crypto does (1 and 2 spare bytes included)', () => {
    for (let length = 0; length <= 35; length++) {
      const bytes = randomBytes(length);
      expect(toBase64Url(bytes), `${length} bytes`).toBe(bytes.toString('base64url'));
    }
    expect(toBase64Url(new Uint8Array([0xff, 0xff]))).toBe('__8');
    expect(toBase64Url(new Uint8Array([0xfb]))).toBe('-w');
  });

  it('a ticket is taken in its own spelling only: not standard base64, padded, spaced or a MAC of another length', async () => {
    const tickets = createTicketMinter('secret');
    const ticket = await tickets.issue('main-street', 'DMO-7K2P9QX4ZT');
    const standard = Buffer.from(ticket, 'base64url').toString('base64');
    const spellings = [`${ticket}=`, ` ${ticket}`, `${ticket} `, standard, standard.replace(/=+$/, ''), `${ticket}AAAA`, ticket.slice(0, -4)];
    for (const spelling of spellings) {
      if (spelling === ticket) continue; // a MAC without + or / reads the same in both alphabets
      expect(await tickets.verify('main-street', 'DMO-7K2P9QX4ZT', spelling), JSON.stringify(spelling)).toBe(false);
    }
  });
});

describe('bearerTicket', () => {
  it.each([
    ['Bearer abc_-1', 'abc_-1'],
    ['bearer  abc', 'abc'],
    ['Bearer', undefined],
    ['Basic abc', undefined],
    ['xBearer abc', undefined],
    ['Basic Bearer abc', undefined],
    ['Bearer abc x', undefined],
    ['Bearer a b', undefined],
    ['Bearer ' + 'a'.repeat(129), undefined],
    [undefined, undefined],
  ])('%j → %j', (header, ticket) => {
    expect(bearerTicket(header)).toBe(ticket);
  });
});
