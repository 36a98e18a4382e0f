import { describe, expect, it } from 'vitest';
import { bearerTicket, createTicketMinter } from '../../../signer/policy/ticket.ts';

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
  });
});

describe('bearerTicket', () => {
  it.each([
    ['Bearer abc_-1', 'abc_-1'],
    ['bearer  abc', 'abc'],
    ['Bearer', undefined],
    ['Basic abc', undefined],
    ['Bearer a b', undefined],
    ['Bearer ' + 'a'.repeat(129), undefined],
    [undefined, undefined],
  ])('%j → %j', (header, ticket) => {
    expect(bearerTicket(header)).toBe(ticket);
  });
});
