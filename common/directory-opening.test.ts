import { describe, expect, it } from 'vitest';
import { describeOpening } from './directory-opening.js';

describe('describeOpening', () => {
  it('says weekly sessions with their days and times', () => {
    expect(describeOpening([{ freq: 'WEEKLY', byday: 'TU', opens_at: '10:00:00', closes_at: '12:00:00' }])).toEqual([
      'Tuesdays 10:00 to 12:00',
    ]);
    expect(describeOpening([{ freq: 'WEEKLY', byday: 'MO, we,FR', opens_at: '09:30', closes_at: '11:00' }])).toEqual([
      'Mondays, Wednesdays and Fridays 09:30 to 11:00',
    ]);
  });

  it('says fortnightly sessions', () => {
    expect(describeOpening([{ freq: 'WEEKLY', interval: 2, byday: 'TH', opens_at: '14:00' }])).toEqual([
      'Every other Thursday from 14:00',
    ]);
  });

  it('says monthly sessions by weekday position and by day of the month', () => {
    expect(
      describeOpening([
        { freq: 'MONTHLY', byday: '1TU', opens_at: '18:00', closes_at: '20:00' },
        { freq: 'MONTHLY', byday: '-1FR', closes_at: '16:00' },
        { freq: 'MONTHLY', bymonthday: '1,15' },
      ]),
    ).toEqual([
      'First Tuesday of the month 18:00 to 20:00',
      'Last Friday of the month until 16:00',
      'On the 1st and 15th of the month',
    ]);
  });

  it('puts several sessions a day in weekday and time order, with notes in brackets', () => {
    expect(
      describeOpening([
        { freq: 'WEEKLY', byday: 'WE', opens_at: '13:00', closes_at: '15:00' },
        { freq: 'WEEKLY', byday: 'MO', opens_at: '10:00', closes_at: '12:00', notes: 'Closed on bank holidays' },
        { freq: 'WEEKLY', byday: 'WE', opens_at: '09:00', closes_at: '11:00' },
      ]),
    ).toEqual([
      'Mondays 10:00 to 12:00 (Closed on bank holidays)',
      'Wednesdays 09:00 to 11:00',
      'Wednesdays 13:00 to 15:00',
    ]);
  });

  it('falls back to the description, and drops rules with nothing to say', () => {
    expect(
      describeOpening([
        { freq: 'WEEKLY', byday: null, description: 'By appointment' },
        { freq: 'WEEKLY', byday: 'XX' },
      ]),
    ).toEqual(['By appointment']);
  });

  it('says a service open around the clock, every day, as people say it', () => {
    const everyDay = 'MO,TU,WE,TH,FR,SA,SU';
    expect(describeOpening([{ freq: 'WEEKLY', byday: everyDay, opens_at: '00:00', closes_at: '23:59' }])).toEqual([
      'Open 24 hours, every day',
    ]);
    expect(describeOpening([{ freq: 'WEEKLY', byday: everyDay, opens_at: '09:00', closes_at: '17:00' }])).toEqual([
      'Every day 09:00 to 17:00',
    ]);
    expect(describeOpening([{ freq: 'WEEKLY', byday: 'SA,SU', opens_at: '00:00', closes_at: '24:00' }])).toEqual([
      'Saturdays and Sundays, open 24 hours',
    ]);
  });
});
