import { decodeCursor, encodeCursor, prefixTsQuery } from './list-customers.params';

const ID = '0197a5c2-6f3e-7c41-9d2a-5b8e1f0c3a47';

describe('list cursor', () => {
  it('round-trips an id, opaque (base64url)', () => {
    const cursor = encodeCursor(ID);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain(ID);
    expect(decodeCursor(cursor)).toBe(ID);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'abc+/='],
    ['base64url of something else', Buffer.from('hello').toString('base64url')],
    ['an id in plain text', ID],
    ['padded', `${encodeCursor(ID)}=`],
    ['too long', 'A'.repeat(65)],
  ])('rejects %s', (_name, cursor) => {
    expect(decodeCursor(cursor)).toBeUndefined();
  });
});

describe('prefixTsQuery', () => {
  it('folds case and accents and makes every word a prefix, ANDed', () => {
    expect(prefixTsQuery('Jérôme  PEE')).toBe("'jerome':* & 'pee':*");
  });

  it('keeps e-mail addresses and numbers whole', () => {
    expect(prefixTsQuery('ann.peeters@example.be')).toBe("'ann.peeters@example.be':*");
    expect(prefixTsQuery('C-0042')).toBe("'c-0042':*");
  });

  it('also looks for a dotted enterprise number without its dots', () => {
    expect(prefixTsQuery('0403.019.261')).toBe("('0403.019.261':* | '0403019261':*)");
  });

  it('leaves no tsquery operator or quote outside a literal', () => {
    const query = prefixTsQuery("o'brien & | ! ( ) : * \\ <-> x") ?? '';
    expect(query).toBe("'o':* & 'brien':* & 'x':*");
  });

  it('is undefined without a word', () => {
    expect(prefixTsQuery('  & | !  ')).toBeUndefined();
    expect(prefixTsQuery('')).toBeUndefined();
  });

  it('takes at most 8 words', () => {
    expect(prefixTsQuery('a b c d e f g h i j')?.split(' & ')).toHaveLength(8);
  });
});
