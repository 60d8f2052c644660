import { parseAsOf } from './customer-as-of';

describe('parseAsOf', () => {
  it('reads a whole number as a version', () => {
    expect(parseAsOf('3')).toEqual({ version: 3 });
    expect(parseAsOf('0')).toEqual({ version: 0 });
  });

  it.each([
    ['2026-11-25T10:00:00Z', '2026-11-25T10:00:00.000Z'],
    ['2026-11-25T10:00:00.123Z', '2026-11-25T10:00:00.123Z'],
    ['2026-11-25T10:00:00.123456Z', '2026-11-25T10:00:00.123Z'],
    ['2026-11-25T10:00Z', '2026-11-25T10:00:00.000Z'],
    ['2026-11-25T11:00:00+01:00', '2026-11-25T10:00:00.000Z'],
    ['2026-11-25T11:00:00+0100', '2026-11-25T10:00:00.000Z'],
    ['2026-11-25T11:00:00 01:00', '2026-11-25T10:00:00.000Z'],
    ['2026-11-25T05:00:00-05:00', '2026-11-25T10:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('reads %s as an instant', (raw, iso) => {
    const asOf = parseAsOf(raw);
    expect(asOf && 'at' in asOf ? asOf.at.toISOString() : asOf).toBe(iso);
  });

  it.each([
    '',
    '-1',
    '1.5',
    'yesterday',
    '2026-11-25',
    '2026-11-25T10:00:00',
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-11-25T24:00:00Z',
    '2026-11-25T10:60:00Z',
    '1'.repeat(16),
  ])('rejects %p', (raw) => {
    expect(parseAsOf(raw)).toBeUndefined();
  });
});
