/**
 * Server rendering with @lit-labs/ssr, as a dealer's Node server renders a page with the element in it
 * (the ES module entry, whose `lit` resolves to Lit's Node build and its DOM shim): the page's language,
 * no attribute the page did not set, and no DOM lookups a server does not have.
 */
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import { describe, expect, it } from 'vitest';
import { loadLanguage } from '../../widget/index.ts';
import en from '../../widget/strings/en.ts';
import es from '../../widget/strings/es.ts';
import fr from '../../widget/strings/fr.ts';

const rendered = (template: ReturnType<typeof html>) => collectResult(render(template));
/** The host element's opening tag as rendered. */
const hostTag = (page: string) => page.match(/<pave-capture\b[^>]*>/)?.[0] ?? '';

describe('<pave-capture> rendered on the server', () => {
  it('renders in its lang from the first render once the language is loaded', async () => {
    await loadLanguage('fr-CA');
    const page = await rendered(html`<pave-capture lang="fr-CA" signer="/signer"></pave-capture>`);
    expect(page).toContain('<form part="form" lang="fr"');
    expect(page).toContain(fr.intro);
    expect(page).not.toContain(en.intro);
  });

  it('renders Spanish too, and English without a lang (a server sees no page around the element)', async () => {
    await loadLanguage('es');
    expect(await rendered(html`<pave-capture lang="es" signer="/signer"></pave-capture>`)).toContain(es.intro);
    const page = await rendered(html`<html lang="de"><body><pave-capture signer="/signer"></pave-capture></body></html>`);
    expect(page).toContain(en.intro);
  });

  it('loadLanguage resolves for English and for a language it cannot load', async () => {
    await expect(loadLanguage('en-GB')).resolves.toBeUndefined();
    await expect(loadLanguage('xx')).resolves.toBeUndefined();
  });

  it('reflects no attribute the page did not set: no empty turnstile-sitekey, no default delivery', async () => {
    const bare = hostTag(await rendered(html`<pave-capture signer="/signer"></pave-capture>`));
    expect(bare).not.toContain('turnstile-sitekey');
    expect(bare).not.toContain('delivery');
    expect(bare).not.toContain('require-vin');
    expect(bare).not.toContain('disabled');
    const set = hostTag(await rendered(html`<pave-capture signer="/signer" delivery="sms" turnstile-sitekey="0x4AAAAAAA" require-vin></pave-capture>`));
    expect(set).toContain('delivery="sms"');
    expect(set).toContain('turnstile-sitekey="0x4AAAAAAA"');
    expect(set).toContain('require-vin');
  });
});
