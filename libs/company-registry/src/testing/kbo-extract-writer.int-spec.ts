import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openKboExtract } from '../kbo/load/kbo-extract-source';
import { type KboEnterpriseRow, kboNumberText, writeKboExtract } from './kbo-extract-writer';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cm-kbo-writer-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

const FULL = { extractNumber: 140, extractType: 'full', snapshotDate: '2026-11-07' } as const;

async function zipFiles(path: string): Promise<Record<string, string>> {
  const source = await openKboExtract(path);
  const files: Record<string, string> = {};
  try {
    for (const name of ['meta.csv', 'enterprise.csv', 'establishment.csv', 'denomination.csv', 'address.csv']) {
      if (!source.has(name)) continue;
      const parts: Buffer[] = [];
      for await (const chunk of await source.open(name)) parts.push(chunk as Buffer);
      files[name] = Buffer.concat(parts).toString('utf8');
    }
  } finally {
    source.close();
  }
  return files;
}

describe('writeKboExtract', () => {
  it('writes the official format: quoted text and header, bare dates, empty values as adjacent commas, dotted numbers', async () => {
    const target = join(work, 'full');
    await writeKboExtract(target, FULL, {
      enterprise: [{ enterpriseNumber: '0403019261', status: 'AC', juridicalSituation: '000', typeOfEnterprise: '2', juridicalForm: '014', startDate: '31-01-1990' }],
      establishment: [{ establishmentNumber: '2123456789', enterpriseNumber: '0403019261', startDate: '01-02-2003' }],
      denomination: [{ entityNumber: '2123456789', language: '2', typeOfDenomination: '003', denomination: 'Brouwerij "Het Anker"' }],
    });

    expect((await readdir(target)).sort()).toEqual(['address.csv', 'denomination.csv', 'enterprise.csv', 'establishment.csv', 'meta.csv']);
    expect(await readFile(join(target, 'meta.csv'), 'utf8')).toBe(
      '"Variable","Value"\n"SnapshotDate","07-11-2026"\n"ExtractTimestamp","07-11-2026 06:00:00"\n"ExtractType","full"\n"ExtractNumber","140"\n"Version","1.0.0"\n',
    );
    expect(await readFile(join(target, 'enterprise.csv'), 'utf8')).toBe(
      '"EnterpriseNumber","Status","JuridicalSituation","TypeOfEnterprise","JuridicalForm","JuridicalFormCAC","StartDate"\n' +
        '"0403.019.261","AC","000","2","014",,31-01-1990\n',
    );
    expect(await readFile(join(target, 'establishment.csv'), 'utf8')).toBe('"EstablishmentNumber","StartDate","EnterpriseNumber"\n"2.123.456.789",01-02-2003,"0403.019.261"\n');
    expect(await readFile(join(target, 'denomination.csv'), 'utf8')).toBe(
      '"EntityNumber","Language","TypeOfDenomination","Denomination"\n"2.123.456.789","2","003","Brouwerij ""Het Anker"""\n',
    );
    expect(await readFile(join(target, 'address.csv'), 'utf8')).toMatch(/^"EntityNumber","TypeOfAddress",.*"DateStrikingOff"\n$/);
  });

  it('writes the same files into a zip, optionally in a folder of it', async () => {
    const tables = { enterprise: [{ enterpriseNumber: '0403019261', status: 'AC' }] };
    await writeKboExtract(join(work, 'same'), FULL, tables);
    await writeKboExtract(join(work, 'same.zip'), FULL, tables, { folder: 'KboOpenData_0140_2026_11_Full' });

    const zipped = await zipFiles(join(work, 'same.zip'));
    expect(Object.keys(zipped).sort()).toEqual(['address.csv', 'denomination.csv', 'enterprise.csv', 'establishment.csv', 'meta.csv']);
    for (const [name, text] of Object.entries(zipped)) expect(text).toBe(await readFile(join(work, 'same', name), 'utf8'));
  });

  it('writes an update as delete and insert files per table', async () => {
    const target = join(work, 'update');
    await writeKboExtract(target, { extractNumber: 141, extractType: 'update', snapshotDate: '2026-12-01' }, {
      enterprise: [{ enterpriseNumber: '0403019261', status: 'AC' }],
      deletes: { enterprise: ['0403019261'], address: ['2123456789'] },
    });

    expect((await readdir(target)).sort()).toEqual([
      'address_delete.csv', 'address_insert.csv', 'denomination_delete.csv', 'denomination_insert.csv',
      'enterprise_delete.csv', 'enterprise_insert.csv', 'establishment_delete.csv', 'establishment_insert.csv', 'meta.csv',
    ]);
    expect(await readFile(join(target, 'enterprise_delete.csv'), 'utf8')).toBe('"EnterpriseNumber"\n"0403.019.261"\n');
    expect(await readFile(join(target, 'address_delete.csv'), 'utf8')).toBe('"EntityNumber"\n"2.123.456.789"\n');
    expect(await readFile(join(target, 'establishment_delete.csv'), 'utf8')).toBe('"EstablishmentNumber"\n');
    expect(await readFile(join(target, 'enterprise_insert.csv'), 'utf8')).toMatch(/\n"0403\.019\.261","AC",,,,,\n$/);
  });

  it('takes rows keyed by header name as they are, another header, a BOM, CRLF, and files replaced or left out', async () => {
    const target = join(work, 'odd');
    await writeKboExtract(
      target,
      FULL,
      { enterprise: [{ EnterpriseNumber: '0403019261', Rating: 'A', StartDate: null }] },
      { headers: { enterprise: ['Rating', 'EnterpriseNumber', 'StartDate'] }, bom: true, lineEnd: '\r\n', files: { 'address.csv': 'broken"' }, omit: ['meta.csv'] },
    );

    expect(await readFile(join(target, 'enterprise.csv'), 'utf8')).toBe('\uFEFF"Rating","EnterpriseNumber","StartDate"\r\n"A","0403019261",\r\n');
    expect(await readFile(join(target, 'address.csv'), 'utf8')).toBe('broken"');
    expect(await readdir(target)).not.toContain('meta.csv');
  });

  it('pulls rows lazily from async iterables', async () => {
    let pulled = 0;
    async function* many(): AsyncGenerator<KboEnterpriseRow> {
      for (let i = 0; i < 20_000; i++) {
        pulled++;
        yield { enterpriseNumber: String(200_000_000 + i).padStart(10, '0'), status: 'AC' };
      }
    }
    await writeKboExtract(join(work, 'many.zip'), FULL, { enterprise: many() });

    expect(pulled).toBe(20_000);
    const lines = (await zipFiles(join(work, 'many.zip')))['enterprise.csv'].trimEnd().split('\n');
    expect(lines).toHaveLength(20_001);
    expect(lines[20_000]).toBe('"0200.019.999","AC",,,,,');
  });

  it('fails when a row source fails', async () => {
    function* failing(): Generator<KboEnterpriseRow> {
      yield { enterpriseNumber: '0403019261' };
      throw new Error('generator broke');
    }
    await expect(writeKboExtract(join(work, 'failing.zip'), FULL, { enterprise: failing() })).rejects.toThrow('generator broke');
    await expect(writeKboExtract(join(work, 'failing'), FULL, { enterprise: failing() })).rejects.toThrow('generator broke');
  });
});

describe('kboNumberText', () => {
  it('dots 10-digit enterprise and establishment numbers, leaves anything else', () => {
    expect(kboNumberText('0403019261')).toBe('0403.019.261');
    expect(kboNumberText('2123456789')).toBe('2.123.456.789');
    expect(kboNumberText('0403.019.261')).toBe('0403.019.261');
    expect(kboNumberText('12345')).toBe('12345');
  });
});
