import { describe, expect, it } from 'vitest';
import { fieldBinder } from './field-binder';

const paths = {
  id: (path: string) => `f-${path.replaceAll('.', '-')}`,
  error: (path: string) => ({ 'phones.1.number': 'is not a phone number' })[path],
};

describe('fieldBinder', () => {
  it('gives a field its id, value and error from the key under the section path', () => {
    const bind = fieldBinder({ number: '0191', description: '' }, () => {}, paths, 'phones.1.');
    const { onChange: _, ...props } = bind('number');
    expect(props).toEqual({ id: 'f-phones-1-number', value: '0191', error: 'is not a phone number' });
    expect(bind('description').error).toBeUndefined();
  });

  it('names the field by its API path where that differs from the key', () => {
    const bind = fieldBinder({ city: 'Leeds' }, () => {}, paths, 'locations.0.');
    expect(bind('city', 'address.city').id).toBe('f-locations-0-address-city');
  });

  it('changes only its own key', () => {
    const patches: unknown[] = [];
    const bind = fieldBinder({ name: 'a', fees: 'b' }, (p) => patches.push(p), paths);
    bind('fees').onChange('Free');
    expect(patches).toEqual([{ fees: 'Free' }]);
  });

  it('binds checkboxes by `checked`', () => {
    const patches: unknown[] = [];
    const bind = fieldBinder({ confidential: false }, (p) => patches.push(p), paths);
    const { onChange, ...props } = bind.check('confidential');
    expect(props).toEqual({ id: 'f-confidential', checked: false, error: undefined });
    onChange(true);
    expect(patches).toEqual([{ confidential: true }]);
  });
});
