import { parseMobile } from './mobile';

describe('Mobile', () => {
  it.each([
    ['+32 470 12 34 56', '+32470123456'],
    ['+32 (470) 12-34.56', '+32470123456'],
    ['0032 470 12 34 56', '+32470123456'], // the 00 call prefix counts as +
    ['+31612345678', '+31612345678'],
    ['+12345678', '+12345678'], // 8 digits
    ['+123456789012345', '+123456789012345'], // 15 digits
  ])('%s -> %s', (raw, expected) => {
    expect(parseMobile(raw)).toEqual({ ok: true, value: expected });
  });

  it.each(['0470 12 34 56', '+1234567', '+1234567890123456', '+0470123456', '+32 470 12 34 5x', '32470123456'])('refuses %s', (raw) => {
    expect(parseMobile(raw)).toMatchObject({ ok: false, error: { field: 'mobile', code: 'INVALID_FORMAT' } });
  });

  it('reports an empty number as required', () => {
    expect(parseMobile(' - ')).toMatchObject({ ok: false, error: { code: 'REQUIRED' } });
  });
});
