import { describe, expect, it, vi } from 'vitest';
import { besideScript } from '../../../widget/strings/beside-script.ts';
import { en } from '../../../widget/strings/index.ts';

describe('besideScript', () => {
  it('imports pave-capture.<lang>.js from the script’s own folder, whatever the page', async () => {
    const french = { ...en, intro: 'Bonjour' };
    const load = vi.fn(async () => ({ default: french }));
    const loadStrings = besideScript('https://cdn.example/pave-capture@1.2.0/dist/pave-capture.js?v=3', load);
    expect(await loadStrings('fr')).toBe(french);
    expect(load).toHaveBeenCalledWith('https://cdn.example/pave-capture@1.2.0/dist/pave-capture.fr.js');
  });

  it('refuses without the script’s URL (an inline or injected copy), so the widget stays in English', async () => {
    const load = vi.fn(async () => ({ default: en }));
    await expect(besideScript(undefined, load)('es')).rejects.toThrow();
    await expect(besideScript('', load)('es')).rejects.toThrow();
    expect(load).not.toHaveBeenCalled();
  });

  it('passes a failed load on (the catalog turns it into English)', async () => {
    const load = vi.fn(async () => {
      throw new TypeError('Failed to fetch dynamically imported module');
    });
    await expect(besideScript('https://dealer.example/js/pave-capture.js', load)('es')).rejects.toThrow(TypeError);
  });
});
