/**
 * A synthetic KBO open data extract, shaped like the official one: enterprises
 * in number order (about 10% natural persons), legal names in Dutch and/or
 * French (about 1.3 denominations per enterprise), a registered seat (REGO)
 * for every legal person (5% also with an older, struck-off one) and
 * establishment units with their own address (BAET) for every natural person
 * and some legal persons. Enterprise `i` is always the same enterprise: each
 * table is generated on its own, in one pass, from the index alone, so nothing
 * is held in memory.
 */

/** One CSV row, keyed by the file's header names. */
export type KboCsvRow = Readonly<Record<string, string | null>>;

/** Regions decide the languages: Flanders writes NL only, Wallonia FR, Brussels both. */
const PLACES: ReadonlyArray<readonly [zip: string, nl: string, fr: string, region: 'VL' | 'WA' | 'BXL']> = [
  ['1000', 'Brussel', 'Bruxelles', 'BXL'], ['1050', 'Elsene', 'Ixelles', 'BXL'], ['1030', 'Schaarbeek', 'Schaerbeek', 'BXL'],
  ['1180', 'Ukkel', 'Uccle', 'BXL'], ['1200', 'Sint-Lambrechts-Woluwe', 'Woluwe-Saint-Lambert', 'BXL'],
  ['2000', 'Antwerpen', 'Anvers', 'VL'], ['2800', 'Mechelen', 'Malines', 'VL'], ['3000', 'Leuven', 'Louvain', 'VL'],
  ['3500', 'Hasselt', '', 'VL'], ['8000', 'Brugge', 'Bruges', 'VL'], ['8500', 'Kortrijk', 'Courtrai', 'VL'],
  ['9000', 'Gent', 'Gand', 'VL'], ['9300', 'Aalst', 'Alost', 'VL'], ['2300', 'Turnhout', '', 'VL'], ['8400', 'Oostende', 'Ostende', 'VL'],
  ['4000', 'Luik', 'Liège', 'WA'], ['5000', 'Namen', 'Namur', 'WA'], ['6000', 'Charleroi', 'Charleroi', 'WA'],
  ['7000', 'Bergen', 'Mons', 'WA'], ['1300', 'Waver', 'Wavre', 'WA'], ['7500', 'Doornik', 'Tournai', 'WA'], ['6700', 'Aarlen', 'Arlon', 'WA'],
];
const STREETS_NL = ['Kerkstraat', 'Stationsstraat', 'Dorpstraat', 'Molenstraat', 'Nieuwstraat', 'Schoolstraat', 'Kapelstraat', 'Industrieweg', 'Grote Markt', 'Ambachtenlaan'];
const STREETS_FR = ["Rue de l'Église", 'Rue de la Gare', 'Rue du Moulin', 'Rue Neuve', "Rue de l'École", 'Grand-Place', 'Avenue Louise', 'Chaussée de Namur', 'Rue Haute', 'Zoning industriel'];
const BILINGUAL_STREETS: ReadonlyArray<readonly [nl: string, fr: string]> = [
  ['Wetstraat', 'Rue de la Loi'], ['Louizalaan', 'Avenue Louise'], ['Nieuwstraat', 'Rue Neuve'], ['Koningsstraat', 'Rue Royale'],
  ['Kunstlaan', 'Avenue des Arts'], ['Vorstlaan', 'Boulevard du Souverain'],
];
const SURNAMES = ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'Dubois', 'Lambert', 'Dupont', 'Martin', 'Leclercq', 'Hermans', 'Vermeulen', 'Lemaire', 'Renard', 'Fontaine', 'Lefèvre'];
const ACTIVITY_NL = ['Bouwbedrijf', 'Bakkerij', 'Transport', 'Garage', 'Immo', 'Dakwerken', 'Architecten', 'Boekhouding', 'Brouwerij', 'Schrijnwerkerij'];
const ACTIVITY_FR = ['Construction', 'Boulangerie', 'Transports', 'Garage', 'Immo', 'Toitures', 'Architectes', 'Comptabilité', 'Brasserie', 'Menuiserie'];
const FORMS: ReadonlyArray<readonly [code: string, nl: string, fr: string]> = [
  ['014', 'NV', 'SA'], ['610', 'BV', 'SRL'], ['015', 'CV', 'SC'], ['017', 'VZW', 'ASBL'], ['030', 'CommV', 'SComm'],
];

/** A small, fast, seedable generator (mulberry32): the same seed gives the same sequence on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(next: () => number, values: readonly T[]): T => values[Math.floor(next() * values.length)];
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const ddmmyyyy = (next: () => number, fromYear: number, toYear: number) =>
  `${pad(1 + Math.floor(next() * 28), 2)}-${pad(1 + Math.floor(next() * 12), 2)}-${fromYear + Math.floor(next() * (toYear - fromYear + 1))}`;

/** What enterprise `i` is: every table derives its rows from this alone. */
interface Enterprise {
  readonly number: string;
  readonly digits: string;
  readonly natural: boolean;
  readonly place: (typeof PLACES)[number];
  /** Establishment units (natural persons always one or two; some legal persons one). */
  readonly establishments: number;
  readonly next: () => number;
}

/** How many enterprises the numbering above can give valid numbers (the real register holds about 2 million). */
export const MAX_KBO_ENTERPRISES = 2_500_000;

function enterprise(i: number): Enterprise {
  const next = seededRandom(i * 2654435761 + 0x9e3779b9);
  // Eight digits from 02000000 up, in number order, then the check digits: valid numbers, as the files hold.
  // Seven numbers per enterprise keep the first digit 0 or 1 up to MAX_KBO_ENTERPRISES.
  const base = 2_000_000 + i * 7 + Math.floor(next() * 7);
  const check = 97 - (base % 97);
  const digits = `${pad(base, 8)}${pad(check, 2)}`;
  const natural = next() < 0.1;
  const place = pick(next, PLACES);
  const establishments = natural ? (next() < 0.85 ? 1 : 2) : next() < 0.15 ? 1 : 0;
  return { number: `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`, digits, natural, place, establishments, next };
}

/** Establishment numbers `2.xxx.xxx.xxx`, four slots per enterprise, in enterprise order. */
const establishmentNumber = (i: number, j: number): string => {
  const digits = String(2_000_000_000 + i * 4 + j);
  return `${digits.slice(0, 1)}.${digits.slice(1, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;
};

/** The 10-digit enterprise number of enterprise `i` (what a user types). */
export const kboEnterpriseDigits = (i: number): string => enterprise(i).digits;

export function* enterpriseRows(count: number): Generator<KboCsvRow> {
  for (let i = 0; i < count; i++) {
    const e = enterprise(i);
    const form = e.natural ? null : pick(e.next, FORMS)[0];
    yield {
      EnterpriseNumber: e.number,
      Status: 'AC',
      JuridicalSituation: '000',
      TypeOfEnterprise: e.natural ? '1' : '2',
      JuridicalForm: form,
      JuridicalFormCAC: null,
      StartDate: ddmmyyyy(e.next, 1960, 2025),
    };
  }
}

export function* establishmentRows(count: number): Generator<KboCsvRow> {
  for (let i = 0; i < count; i++) {
    const e = enterprise(i);
    for (let j = 0; j < e.establishments; j++) {
      yield { EstablishmentNumber: establishmentNumber(i, j), StartDate: ddmmyyyy(e.next, 1990, 2025), EnterpriseNumber: e.number };
    }
  }
}

/**
 * Legal persons: a legal name (001) in the region's language, a second one in
 * the other language for a quarter of them (all in Brussels), sometimes an
 * abbreviation (002); natural persons: a commercial name (003) on their
 * establishment unit. About 1.3 denominations per enterprise.
 */
export function* denominationRows(count: number): Generator<KboCsvRow> {
  for (let i = 0; i < count; i++) {
    const e = enterprise(i);
    const surname = pick(e.next, SURNAMES);
    const activity = Math.floor(e.next() * ACTIVITY_NL.length);
    if (e.natural) {
      yield { EntityNumber: establishmentNumber(i, 0), Language: '2', TypeOfDenomination: '003', Denomination: `${ACTIVITY_NL[activity]} ${surname}` };
      continue;
    }
    const [, formNl, formFr] = pick(e.next, FORMS);
    const region = e.place[3];
    const bilingual = region === 'BXL' || e.next() < 0.1;
    const nl = { EntityNumber: e.number, Language: '2', TypeOfDenomination: '001', Denomination: `${ACTIVITY_NL[activity]} ${surname} ${formNl}` };
    const fr = { EntityNumber: e.number, Language: '1', TypeOfDenomination: '001', Denomination: `${ACTIVITY_FR[activity]} ${surname} ${formFr}` };
    if (region === 'WA') yield fr;
    if (region !== 'WA' || bilingual) yield nl;
    if (region === 'VL' && bilingual) yield fr;
    if (region === 'BXL') yield fr;
    if (e.next() < 0.1) yield { EntityNumber: e.number, Language: region === 'WA' ? '1' : '2', TypeOfDenomination: '002', Denomination: surname.slice(0, 3).toUpperCase() };
  }
}

function addressRow(entity: string, type: 'REGO' | 'BAET', place: Enterprise['place'], next: () => number, struckOff: string | null): KboCsvRow {
  const [zip, municipalityNl, municipalityFr, region] = place;
  let streetNl: string;
  let streetFr: string;
  if (region === 'BXL') [streetNl, streetFr] = pick(next, BILINGUAL_STREETS);
  else if (region === 'VL') [streetNl, streetFr] = [pick(next, STREETS_NL), ''];
  else streetNl = streetFr = pick(next, STREETS_FR); // Walloon streets: the French name in both columns, as the files do
  return {
    EntityNumber: entity,
    TypeOfAddress: type,
    CountryNL: null,
    CountryFR: null,
    Zipcode: zip,
    MunicipalityNL: municipalityNl,
    MunicipalityFR: municipalityFr || municipalityNl,
    StreetNL: streetNl,
    StreetFR: streetFr,
    HouseNumber: String(1 + Math.floor(next() * 250)),
    Box: next() < 0.15 ? String(1 + Math.floor(next() * 30)) : null,
    ExtraAddressInfo: null,
    DateStrikingOff: struckOff,
  };
}

/** Registered seats of the legal persons (in enterprise order), then the establishment units' addresses. */
export function* addressRows(count: number): Generator<KboCsvRow> {
  for (let i = 0; i < count; i++) {
    const e = enterprise(i);
    if (e.natural) continue;
    if (e.next() < 0.05) yield addressRow(e.number, 'REGO', pick(e.next, PLACES), e.next, ddmmyyyy(e.next, 2005, 2024));
    yield addressRow(e.number, 'REGO', e.place, e.next, null);
  }
  for (let i = 0; i < count; i++) {
    const e = enterprise(i);
    for (let j = 0; j < e.establishments; j++) yield addressRow(establishmentNumber(i, j), 'BAET', e.place, e.next, null);
  }
}
