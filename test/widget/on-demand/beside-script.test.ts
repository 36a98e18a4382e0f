import { describe, expect, it, vi } from 'vitest';
import { besideScript } from '../../../widget/on-demand/beside-script.ts';

describe('besideScript', () => {
  it('imports pave-capture.<name>.js from the script’s own folder, whatever the page', async () => {
    const module = { default: { intro: 'Bonjour' } };
    const load = vi.fn(async () => module);
    const fetchPart = besideScript('https://cdn.example/pave-capture@1.2.0/dist/pave-capture.js?v=3', load);
    expect(await fetchPart('fr')).toBe(module);
    await fetchPart('qr');
    expect(load.mock.calls).toEqual([['https://cdn.example/pave-capture@1.2.0/dist/pave-capture.fr.js'], ['https://cdn.example/pave-capture@1.2.0/dist/pave-capture.qr.js']]);
  });

  it('refuses without the script’s URL (an inline or injected copy), so the widget does without', async () => {
    const load = vi.fn(async () => ({}));
    await expect(besideScript(undefined, load)('es')).rejects.toThrow();
    await expect(besideScript('', load)('qr')).rejects.toThrow();
    expect(load).not.toHaveBeenCalled();
  });

  it('passes a failed load on', async () => {
    const load = vi.fn(async () => {
      throw new TypeError('Failed to fetch dynamically imported module');
    });
    await expect(besideScript('https://dealer.example/js/pave-capture.js', load)('es')).rejects.toThrow(TypeError);
  });
});
