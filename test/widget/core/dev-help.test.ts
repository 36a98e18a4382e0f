import { afterEach, describe, expect, it, vi } from 'vitest';
import { warnOnce } from '../../../widget/core/dev-help.ts';

describe('warnOnce', () => {
  afterEach(() => vi.restoreAllMocks());

  it('says each cause once per page, named as the element’s, however often it happens', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    warnOnce('test:a', 'the signer attribute is missing.');
    warnOnce('test:a', 'the signer attribute is missing.');
    warnOnce('test:b', 'pave-capture.qr.js did not load.');
    expect(warn.mock.calls).toEqual([['<pave-capture>: the signer attribute is missing.'], ['<pave-capture>: pave-capture.qr.js did not load.']]);
  });
});
