import { Readable } from 'node:stream';
import { splitHeader } from './kbo-file-stream';

const chunks = (...parts: string[]) => Readable.from(parts.map((part) => Buffer.from(part)));

async function all(bytes: AsyncIterable<Buffer>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of bytes) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}

describe('splitHeader', () => {
  it('reads the first line across chunks and replays every byte, header included, counting them', async () => {
    let counted = 0;
    const file = await splitHeader('enterprise.csv', chunks('\uFEFF"Enterpri', 'seNumber","Status"\r\n"0403.0', '19.261","AC"\n'), (n) => (counted += n));

    expect(file.headerLine).toBe('\uFEFF"EnterpriseNumber","Status"');
    expect(await all(file.bytes)).toBe('\uFEFF"EnterpriseNumber","Status"\r\n"0403.019.261","AC"\n');
    expect(counted).toBe(Buffer.byteLength('\uFEFF"EnterpriseNumber","Status"\r\n"0403.019.261","AC"\n'));
  });

  it('takes a header without a line end (a file with no rows)', async () => {
    expect((await splitHeader('address.csv', chunks('"EntityNumber"'), () => undefined)).headerLine).toBe('"EntityNumber"');
  });

  it('refuses an empty file, or one without a line end in its first 64 KiB, on line 1', async () => {
    await expect(splitHeader('address.csv', chunks(), () => undefined)).rejects.toThrow('address.csv, line 1: empty file: no header line');
    await expect(splitHeader('address.csv', chunks('x'.repeat(70 * 1024)), () => undefined)).rejects.toThrow(/^address\.csv, line 1: no line end/);
  });
});
