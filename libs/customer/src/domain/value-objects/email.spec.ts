import { parseEmail } from './email';

describe('Email', () => {
  it.each([
    [' Ann.Peeters@Example.BE ', 'Ann.Peeters@example.be'], // domain lower-cased, local part kept
    ['billing+invoices@acme.co.uk', 'billing+invoices@acme.co.uk'],
    ['jos@café.be', 'jos@café.be'],
    ['x@xn--caf-dma.be', 'x@xn--caf-dma.be'],
  ])('%s -> %s', (raw, expected) => {
    expect(parseEmail(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    'ann',
    'ann@',
    '@example.be',
    'ann@example',
    'ann@@example.be',
    'ann..p@example.be',
    '.ann@example.be',
    'ann@-x.be',
    'ann@1.2.3.4',
    'a b@example.be',
  ])('refuses %s', (raw) => {
    expect(parseEmail(raw)).toMatchObject({ ok: false, error: { field: 'email', code: 'INVALID_FORMAT' } });
  });

  it('refuses more than 254 characters and local parts over 64', () => {
    const longest = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.be`; // 261 characters
    expect(parseEmail(longest)).toMatchObject({ ok: false, error: { code: 'TOO_LONG' } });
    expect(parseEmail(`${'a'.repeat(65)}@example.be`)).toMatchObject({ ok: false, error: { code: 'INVALID_FORMAT' } });
  });

  it('reports an empty address as required', () => {
    expect(parseEmail('  ')).toMatchObject({ ok: false, error: { code: 'REQUIRED' } });
  });
});
