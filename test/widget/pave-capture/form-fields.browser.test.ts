/**
 * The fields as a person types: the VIN normalised under the caret, the phone formatted only when typed
 * at the end, and problems shown when they are certain or once the field is left.
 */
import { describe, expect, it } from 'vitest';
import type { PaveCapture } from '../../../widget/index.ts';
import { en } from '../../../widget/strings/index.ts';
import { mount, part, VIN } from './fixture.ts';

const input = (element: PaveCapture, name: string) => part<HTMLInputElement>(element, `input[name=${name}]`)!;

/** Puts `text` in a field with the caret at `caret`, as a keystroke leaves it, then fires `input`. */
async function edit(element: PaveCapture, name: string, text: string, caret = text.length) {
  const field = input(element, name);
  field.value = text;
  field.setSelectionRange(caret, caret);
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await element.updateComplete;
  return field;
}

describe('the form’s fields', () => {
  it('normalise the VIN as it is typed, keeping the caret where the person types', async () => {
    const element = await mount();
    const field = await edit(element, 'vin', '1hg-cm8xx', 6);
    expect(field.value).toBe('1HGCM8XX');
    expect(field.selectionStart).toBe(5);
  });

  it('format a North American number typed at the end, and leave an edit inside it alone', async () => {
    const element = await mount({ delivery: 'sms' });
    expect((await edit(element, 'phone', '6474551')).value).toBe('(647) 455-1');
    expect((await edit(element, 'phone', '(647) 45-1', 8)).value).toBe('(647) 45-1');
  });

  it('take the page’s prefilled values, normalised, and follow a new one', async () => {
    const element = await mount({ delivery: 'sms', vin: VIN.toLowerCase(), phone: '6474551234' });
    expect(input(element, 'vin').value).toBe(VIN);
    expect(input(element, 'phone').value).toBe('(647) 455-1234');
    element.vin = '2hgcm82633a004352';
    await element.updateComplete;
    expect(input(element, 'vin').value).toBe('2HGCM82633A004352');
  });

  it('say what is wrong with a VIN once the field is left with something in it, and not for an empty one', async () => {
    const element = await mount({ 'require-vin': '' });
    input(element, 'vin').dispatchEvent(new FocusEvent('blur'));
    await element.updateComplete;
    expect(part(element, '#vin-message')!.textContent).toBe('');
    await edit(element, 'vin', '1HGCM8');
    expect(part(element, '#vin-message')!.textContent).toBe('');
    input(element, 'vin').dispatchEvent(new FocusEvent('blur'));
    await element.updateComplete;
    expect(part(element, '#vin-message')!.textContent).toBe(en.vinProblems.length);
    expect(input(element, 'vin').getAttribute('aria-invalid')).toBe('true');
  });
});
