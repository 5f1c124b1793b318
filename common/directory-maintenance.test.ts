import { describe, expect, it } from 'vitest';
import { fieldChangeLabel } from './directory-maintenance.js';

describe('labels of changed fields', () => {
  it('names service fields and numbers children in the order they appear', () => {
    const order = ['name', 'locations[b].name', 'locations[a].address.postal_code', 'schedules[x].opens_at'];
    expect(fieldChangeLabel('name', order)).toBe('Name');
    expect(fieldChangeLabel('referral_capacity')).toBe('Taking referrals');
    expect(fieldChangeLabel('locations[a].address.postal_code', order)).toBe('Place 2: postcode');
    expect(fieldChangeLabel('locations[b].name', order)).toBe('Place 1: name');
    expect(fieldChangeLabel('schedules[x].opens_at', order)).toBe('Opening time 1: opens');
  });
});
