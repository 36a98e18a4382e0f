import { describe, expect, it } from 'vitest';
import { loadModule } from '../../../widget/on-demand/chunks.ts';
import { qrPath } from '../../../widget/on-demand/qr.ts';
import { loadTurnstile } from '../../../widget/on-demand/turnstile.ts';
import type { Strings } from '../../../widget/strings/index.ts';

describe('loadModule (ES module build)', () => {
  it('imports each on-demand module by name', async () => {
    expect(((await loadModule('fr')) as { default: Strings }).default.lang).toBe('fr');
    expect(((await loadModule('es')) as { default: Strings }).default.lang).toBe('es');
    expect(((await loadModule('qr')) as { qrPath: unknown }).qrPath).toBe(qrPath);
    expect(((await loadModule('turnstile')) as { loadTurnstile: unknown }).loadTurnstile).toBe(loadTurnstile);
  });

  it('refuses a name it does not know (English is in the bundle, not on demand)', async () => {
    await expect(loadModule('en')).rejects.toThrow(/no module en/);
    await expect(loadModule('de')).rejects.toThrow();
  });
});
