/**
 * Realistic, valid customer data for the API benchmark: people (about four in
 * five) and companies with a valid Belgian enterprise and VAT number, names
 * from common Belgian, Dutch and French ones, e-mail, mobile and an address.
 * Customer `n` is always the same customer, so every side of a comparison and
 * every search prefix can be derived from the sequence number alone.
 */

export const FIRST_NAMES = [
  'Jan', 'Jef', 'Joris', 'Jonas', 'Jana', 'Janne', 'Jérôme', 'Julie', 'Lucas', 'Louis', 'Lotte', 'Laura', 'Liam', 'Lena',
  'Marie', 'Marc', 'Mathis', 'Marthe', 'Noah', 'Nina', 'Olivia', 'Pieter', 'Paul', 'Pauline', 'Sofie', 'Sarah', 'Simon',
  'Thomas', 'Tim', 'Tine', 'Elise', 'Emma', 'Eline', 'Arthur', 'Anna', 'Amélie', 'Bram', 'Benoît', 'Chloé', 'Claire',
  'Daan', 'David', 'Emile', 'Fien', 'François', 'Geert', 'Hanne', 'Hélène', 'Ines', 'Jules', 'Kobe', 'Koen', 'Lars',
  'Mila', 'Nathalie', 'Olivier', 'Ruben', 'Stijn', 'Victor', 'Wout', 'Xavier', 'Yasmine', 'Zoë',
];

export const LAST_NAMES = [
  'Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet', 'Dubois',
  'Lambert', 'Dupont', 'Martin', 'Leclercq', 'Hermans', 'Michiels', 'Vermeulen', 'Aerts', 'Smets', 'Van den Broeck',
  'Desmet', 'De Backer', 'Stevens', 'Verhoeven', 'Pauwels', 'Van Damme', 'Lemaire', 'Renard', 'Simon', 'Laurent',
  'Dumont', 'Lejeune', 'Denis', 'Fontaine', 'Leroy', 'Devos', 'Coppens', 'Bogaert', 'Thijs', 'Van Acker', 'Hendrickx',
  'Vandenberghe', 'Declercq', 'De Vos', 'Bauwens', 'Verstraete', 'Vervoort', 'Segers', 'Cools', 'Baert', 'Wuyts',
  'Verbeke', 'Claeys', 'Mathieu', 'Gérard', 'François', 'Noël', 'Collard', 'Hubert', 'Charlier', 'Lefèvre', 'Rousseau',
  'Mahieu', 'Bosmans', 'Van Hoof', 'Geerts', 'Van Dyck', 'Verlinden', 'De Clercq', 'Lenaerts', 'Schepers', 'Nijs',
  'Van de Velde', 'Dierckx', 'Moens', 'Van Looy', 'Jansen', 'de Jong', 'de Vries', 'van Dijk', 'Bakker', 'Visser',
  'Smit', 'Meijer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit',
  'Dijkstra', 'Smits', 'de Graaf', 'van der Meer', 'Kok', 'Jacobs-Peeters', 'Huysmans', 'Van Gorp', 'Sels', 'Vanhoutte',
];

const COMPANY_WORDS = [
  'Logistics', 'Bakkerij', 'Consult', 'Bouw', 'Services', 'Solutions', 'Trading', 'Garage', 'Immo', 'Tech', 'Transport',
  'Electro', 'Dakwerken', 'Architecten', 'Boekhouding', 'Catering', 'Design', 'Energie', 'Farma', 'Groep', 'Invest',
];
const COMPANY_FORMS = ['NV', 'BV', 'SRL', 'SA', 'CommV', 'VZW'];

const PLACES: ReadonlyArray<readonly [zip: string, city: string, country: string]> = [
  ['9000', 'Gent', 'BE'], ['2000', 'Antwerpen', 'BE'], ['1000', 'Brussel', 'BE'], ['3000', 'Leuven', 'BE'],
  ['8000', 'Brugge', 'BE'], ['4000', 'Liège', 'BE'], ['5000', 'Namur', 'BE'], ['2800', 'Mechelen', 'BE'],
  ['3500', 'Hasselt', 'BE'], ['8500', 'Kortrijk', 'BE'], ['7000', 'Mons', 'BE'], ['6000', 'Charleroi', 'BE'],
  ['1012 AB', 'Amsterdam', 'NL'], ['3011 AA', 'Rotterdam', 'NL'], ['3511 AA', 'Utrecht', 'NL'], ['75001', 'Paris', 'FR'],
  ['59000', 'Lille', 'FR'], ['1009', 'Luxembourg', 'LU'], ['50667', 'Köln', 'DE'],
];
const STREETS = ['Kerkstraat', 'Stationsstraat', 'Dorpstraat', 'Molenstraat', 'Nieuwstraat', 'Rue de la Station', 'Rue de l\'Église', 'Grote Markt', 'Schoolstraat', 'Kapelstraat'];
const DOMAINS = ['example.com', 'example.be', 'example.org', 'example.net', 'mail.example.be', 'example.nl', 'example.fr'];
const LANGUAGES_BY_COUNTRY: Record<string, readonly string[]> = {
  BE: ['nl', 'nl', 'fr', 'fr', 'en'], NL: ['nl'], FR: ['fr'], LU: ['fr', 'de'], DE: ['de'],
};

/** The fields of `POST /v1/customers`, canonical spellings. */
export interface CustomerBody {
  readonly type: 'person' | 'company';
  readonly customerNumber: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly companyName?: string;
  readonly enterpriseNumber?: string;
  readonly vatNumber?: string;
  readonly email: string;
  readonly mobile: string;
  readonly language: string;
  readonly address: string;
  readonly zip: string;
  readonly city: string;
  readonly country: string;
}

/** A small deterministic generator (mulberry32), so customer `n` is reproducible. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ascii = (text: string): string => text.normalize('NFKD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z]+/g, '');

/** A valid Belgian enterprise number, dotted as people type it (0403.019.261). */
function belgianEnterpriseNumber(n: number): string {
  const body = `0${String(2_000_000 + (n % 7_000_000)).padStart(7, '0')}`;
  const digits = `${body}${String(97 - (Number(body) % 97)).padStart(2, '0')}`;
  return `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;
}

/** Customer number `n` of a series: `L-0000042`. */
export const customerNumber = (series: string, n: number): string => `${series}-${String(n).padStart(7, '0')}`;

/** Customer `n` of a series (the series keeps customer numbers unique across the benchmark's phases). */
export function customerBody(series: string, n: number): CustomerBody {
  const next = random(n * 2654435761 + series.charCodeAt(0));
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];
  const firstName = pick(FIRST_NAMES);
  const lastName = pick(LAST_NAMES);
  const company = next() < 0.2;
  const [zip, city, country] = company ? pick(PLACES.slice(0, 12)) : pick(PLACES);
  const common = {
    customerNumber: customerNumber(series, n),
    firstName,
    lastName,
    email: `${ascii(firstName)}.${ascii(lastName)}${n % 1000}@${pick(DOMAINS)}`,
    mobile: `+32 47${Math.floor(next() * 10)} ${String(Math.floor(next() * 1_000_000)).padStart(6, '0')}`,
    language: pick(LANGUAGES_BY_COUNTRY[country]),
    address: `${pick(STREETS)} ${1 + Math.floor(next() * 180)}`,
    zip,
    city,
    country,
  };
  if (!company) return { type: 'person', ...common };
  const enterpriseNumber = belgianEnterpriseNumber(n);
  return {
    type: 'company',
    ...common,
    companyName: `${lastName} ${pick(COMPANY_WORDS)} ${pick(COMPANY_FORMS)}`,
    enterpriseNumber,
    vatNumber: `BE${enterpriseNumber.replace(/\D/g, '')}`,
  };
}

/**
 * Search texts as users type them: the first 2 to 5 letters of a first name,
 * a last name, a company word or an e-mail local part, or two such prefixes.
 */
export function searchPrefixes(count: number, seed = 1): string[] {
  const next = random(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];
  const prefix = (word: string) => word.slice(0, 2 + Math.floor(next() * 4));
  const prefixes: string[] = [];
  while (prefixes.length < count) {
    const kind = next();
    if (kind < 0.3) prefixes.push(prefix(pick(LAST_NAMES).split(' ').pop()!));
    else if (kind < 0.55) prefixes.push(prefix(pick(FIRST_NAMES)));
    else if (kind < 0.7) prefixes.push(`${ascii(pick(FIRST_NAMES))}.${prefix(ascii(pick(LAST_NAMES)))}`);
    else if (kind < 0.8) prefixes.push(prefix(pick(COMPANY_WORDS)));
    else prefixes.push(`${pick(FIRST_NAMES)} ${prefix(pick(LAST_NAMES).split(' ').pop()!)}`);
  }
  return prefixes;
}
