import { describe, expect, it } from 'vitest';
import { isTouchPhone } from '../../../widget/core/device.ts';

/** A window whose coarse-pointer query answers `coarse`, with that user agent. */
const view = (coarse: boolean, userAgent: string) => ({ matchMedia: () => ({ matches: coarse }) as MediaQueryList, navigator: { userAgent } as Navigator });

describe('isTouchPhone', () => {
  it('is a phone when the pointer is coarse without hover, or the user agent says mobile', () => {
    expect(isTouchPhone(view(true, 'Mozilla/5.0 (X11; Linux x86_64)'))).toBe(true);
    expect(isTouchPhone(view(false, 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148'))).toBe(true);
    expect(isTouchPhone(view(false, 'Mozilla/5.0 (Linux; Android 15; Pixel 9) Mobile Safari/537.36'))).toBe(true);
  });

  it('is not a phone on a desktop, a tablet-like Android, or a server with no window', () => {
    expect(isTouchPhone(view(false, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)'))).toBe(false);
    expect(isTouchPhone(view(false, 'Mozilla/5.0 (Linux; Android 15; Tab) Safari/537.36'))).toBe(false);
    expect(isTouchPhone(undefined)).toBe(false);
  });

  it('asks the coarse-pointer question exactly, and reads a user agent without matching inside words', () => {
    const asked: string[] = [];
    const exact = { matchMedia: (query: string) => (asked.push(query), { matches: query === '(hover: none) and (pointer: coarse)' }) as MediaQueryList, navigator: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' } as Navigator };
    expect(isTouchPhone(exact)).toBe(true);
    expect(asked).toEqual(['(hover: none) and (pointer: coarse)']);
    // A kiosk browser named for cars is not a phone: "mobi" inside a word does not count.
    expect(isTouchPhone(view(false, 'Mozilla/5.0 (Windows NT 10.0) AutomobileKiosk/2.1'))).toBe(false);
    expect(isTouchPhone(view(false, 'Mozilla/5.0 (iPhone) Instagram 300.0'))).toBe(true);
  });

  it('does without matchMedia or a navigator (old engines, test doubles)', () => {
    expect(isTouchPhone({ navigator: { userAgent: 'Mozilla/5.0 (iPhone)' } } as never)).toBe(true);
    expect(isTouchPhone({ navigator: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' } } as never)).toBe(false);
    expect(isTouchPhone({ matchMedia: () => ({ matches: true }) } as never)).toBe(true);
    expect(isTouchPhone({ matchMedia: () => ({ matches: false }) } as never)).toBe(false);
  });
});
