import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson as send, startFakeHttpServer } from './fake-http-server';
import type { KvkAdres, KvkBasisprofiel, KvkHandelsnaam, KvkSearchResult, KvkVestigingType } from '../kvk/kvk-api.types';

/** What a test says about a company; everything left out gets a plausible default. */
export interface FakeKvkProfileSeed {
  /** Default `Bedrijf <kvkNummer>`. */
  readonly naam?: string;
  /** Left out by default (a sole trader has none). */
  readonly statutaireNaam?: string;
  /** Default: one trade name equal to `naam`. */
  readonly handelsnamen?: readonly KvkHandelsnaam[];
  /** Default `0000` + the KvK number (12 digits). */
  readonly vestigingsnummer?: string;
  /** The main establishment's addresses. Default: one visiting address, Damrak 1, 1012LG Amsterdam, not shielded. */
  readonly adressen?: readonly KvkAdres[];
  /** The search result's type. Default `hoofdvestiging`. */
  readonly type?: KvkVestigingType;
}

/** A scripted answer instead of the normal one. */
export type FakeKvkFailure =
  /**
   * This status with a `fout` envelope. The code defaults to what KvK sends
   * for the status (503 IPD1002, 500 IPD9999, 400 IPD0004); `retryAfter`
   * sets the `Retry-After` header (seconds or an HTTP date).
   */
  | { readonly status: number; readonly code?: string; readonly omschrijving?: string; readonly retryAfter?: number | string }
  /** The normal answer after a delay (longer than the client's timeout, typically). */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** The connection is closed without an answer. */
  | { readonly kind: 'drop' }
  /** Any status and body, e.g. a proxy's HTML page. */
  | { readonly kind: 'raw'; readonly status: number; readonly body: string; readonly contentType?: string };

export interface FakeKvkRequest {
  readonly method: string;
  /** Below the base URL, without the query: `/v2/zoeken`, `/v1/basisprofielen/12345678`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** The `apikey` header as sent, if any. */
  readonly apiKey: string | undefined;
  /** Date.now() when the request arrived. */
  readonly at: number;
}

export interface FakeKvk {
  /** The base URL to configure (like `https://api.kvk.nl/api`). */
  readonly url: string;
  /** Every request received, in order (refused ones included). */
  readonly requests: readonly FakeKvkRequest[];
  /** Registers (or replaces) a company; unknown numbers are 404. Returns the profile the fake serves. */
  setProfile(kvkNummer: string, seed?: FakeKvkProfileSeed): KvkBasisprofiel;
  /** The next `count` requests with the right API key, whatever they ask, fail like this. */
  failNext(count: number, failure: FakeKvkFailure): void;
  /** Forgets companies, scripted failures and recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

export interface FakeKvkOptions {
  /** The only key accepted in the `apikey` header. */
  readonly apiKey: string;
}

/** Where the real API lives below its host; the fake uses the same so base URL handling is exercised. */
const BASE_PATH = '/api';
/** KvK's page size when none is asked for, and its maximum. */
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;

/** The envelope codes KvK documents per status. */
const DEFAULT_CODES: Readonly<Record<number, { code: string; omschrijving: string }>> = {
  400: { code: 'IPD0004', omschrijving: 'Het KvK-nummer is niet valide' },
  500: { code: 'IPD9999', omschrijving: 'Er is een technische fout opgetreden' },
  503: { code: 'IPD1002', omschrijving: 'De service is tijdelijk niet beschikbaar' },
};

/**
 * A local stand-in for the KvK API, speaking its documented protocol errors
 * included: the `apikey` header, `GET /v2/zoeken` (filters kvkNummer, naam,
 * plaats; paging; 404 IPD5200 without hits) and `GET /v1/basisprofielen/{n}`
 * (400 IPD0004 when not 8 digits, 404 when unknown).
 */
export async function startFakeKvk(options: FakeKvkOptions): Promise<FakeKvk> {
  const profiles = new Map<string, { readonly profile: KvkBasisprofiel; readonly type: KvkVestigingType }>();
  const queued: FakeKvkFailure[] = [];
  const requests: FakeKvkRequest[] = [];

  const server = await startFakeHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake-kvk');
    const inner = url.pathname.startsWith(`${BASE_PATH}/`) ? url.pathname.slice(BASE_PATH.length) : undefined;
    const apiKey = typeof req.headers.apikey === 'string' ? req.headers.apikey : undefined;
    requests.push({ method: req.method ?? '', path: inner ?? url.pathname, query: Object.fromEntries(url.searchParams), apiKey, at: Date.now() });

    // The gateway checks the key before anything else, scripted failures included.
    if (apiKey !== options.apiKey) return sendFout(res, 401, 'UNAUTHORIZED', 'Ongeldige of ontbrekende API key');
    const failure = queued.shift();
    if (failure && 'kind' in failure && failure.kind === 'slow') return server.later(res, failure.delayMs, () => answer(req, res, inner, url.searchParams));
    if (failure) return play(req, res, failure);
    answer(req, res, inner, url.searchParams);
  });

  function answer(req: IncomingMessage, res: ServerResponse, path: string | undefined, params: URLSearchParams): void {
    if (req.method !== 'GET' || path === undefined) return sendFout(res, 404, 'NOT_FOUND', `Geen route ${req.method} ${path ?? ''}`);
    if (path === '/v2/zoeken') return search(res, params);
    const profile = /^\/v1\/basisprofielen\/([^/]+)$/.exec(path);
    if (profile) return basisprofiel(res, decodeURIComponent(profile[1]!));
    sendFout(res, 404, 'NOT_FOUND', `Geen route GET ${path}`);
  }

  function search(res: ServerResponse, params: URLSearchParams): void {
    const kvkNummer = params.get('kvkNummer');
    if (kvkNummer !== null && !/^\d{8}$/.test(kvkNummer)) return sendFout(res, 400, DEFAULT_CODES[400]!.code, DEFAULT_CODES[400]!.omschrijving);
    const naam = params.get('naam')?.toLowerCase();
    const plaats = params.get('plaats')?.toLowerCase();
    const hits = [...profiles.values()]
      .filter(({ profile }) => kvkNummer === null || profile.kvkNummer === kvkNummer)
      .filter(({ profile }) => naam === undefined || namesOf(profile).some((n) => n.toLowerCase().includes(naam)))
      .filter(({ profile }) => plaats === undefined || visitingAddress(profile)?.plaats?.toLowerCase() === plaats)
      .map(({ profile, type }) => searchResult(profile, type));
    if (hits.length === 0) return sendFout(res, 404, 'IPD5200', 'Geen resultaten gevonden');
    const pagina = Math.max(1, positiveInt(params.get('pagina')) ?? 1);
    const perPage = Math.min(MAX_PAGE_SIZE, positiveInt(params.get('resultatenPerPagina')) ?? DEFAULT_PAGE_SIZE);
    send(res, 200, {
      pagina,
      resultatenPerPagina: perPage,
      totaal: hits.length,
      resultaten: hits.slice((pagina - 1) * perPage, pagina * perPage),
    });
  }

  function basisprofiel(res: ServerResponse, kvkNummer: string): void {
    if (!/^\d{8}$/.test(kvkNummer)) return sendFout(res, 400, DEFAULT_CODES[400]!.code, DEFAULT_CODES[400]!.omschrijving);
    const known = profiles.get(kvkNummer);
    // The code for an unknown number is not documented; clients must rely on the 404 alone.
    if (!known) return sendFout(res, 404, 'IPD0005', `Het product is niet leverbaar voor ${kvkNummer}`);
    send(res, 200, known.profile);
  }

  function play(req: IncomingMessage, res: ServerResponse, failure: Exclude<FakeKvkFailure, { kind: 'slow' }>): void {
    if ('kind' in failure) {
      if (failure.kind === 'drop') return void req.socket.destroy();
      res.writeHead(failure.status, { 'content-type': failure.contentType ?? 'application/json' });
      res.end(failure.body);
      return;
    }
    const known = DEFAULT_CODES[failure.status];
    const code = failure.code ?? known?.code ?? `HTTP${failure.status}`;
    const omschrijving = failure.omschrijving ?? known?.omschrijving ?? `Gesimuleerde fout ${failure.status}`;
    const headers: Record<string, string> = failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) };
    sendFout(res, failure.status, code, omschrijving, headers);
  }

  return {
    url: `${server.origin}${BASE_PATH}`,
    requests,
    setProfile: (kvkNummer, seed = {}) => {
      const profile = buildProfile(kvkNummer, seed);
      profiles.set(kvkNummer, { profile, type: seed.type ?? 'hoofdvestiging' });
      return profile;
    },
    failNext: (count, failure) => {
      for (let i = 0; i < count; i += 1) queued.push(failure);
    },
    reset: () => {
      profiles.clear();
      queued.length = 0;
      requests.length = 0;
    },
    close: () => server.close(),
  };
}

function buildProfile(kvkNummer: string, seed: FakeKvkProfileSeed): KvkBasisprofiel {
  const naam = seed.naam ?? `Bedrijf ${kvkNummer}`;
  const handelsnamen = seed.handelsnamen ?? [{ naam, volgorde: 0 }];
  const adressen = (seed.adressen ?? [{ type: 'bezoekadres', straatnaam: 'Damrak', huisnummer: 1, postcode: '1012LG', plaats: 'Amsterdam' }]).map(
    (adres) => ({ indAfgeschermd: 'Nee', land: 'Nederland', ...adres, volledigAdres: fullAddress(adres) }),
  );
  return {
    kvkNummer,
    indNonMailing: 'Nee',
    naam,
    ...(seed.statutaireNaam !== undefined && { statutaireNaam: seed.statutaireNaam }),
    formeleRegistratiedatum: '20200101',
    totaalWerkzamePersonen: 1,
    handelsnamen,
    _embedded: {
      hoofdvestiging: {
        vestigingsnummer: seed.vestigingsnummer ?? `0000${kvkNummer}`,
        kvkNummer,
        eersteHandelsnaam: handelsnamen[0]?.naam ?? naam,
        indHoofdvestiging: 'Ja',
        adressen,
      },
    },
  };
}

/** `Damrak 1 1012LG Amsterdam`, as KvK writes `volledigAdres`. */
function fullAddress(adres: KvkAdres): string {
  const number = `${adres.huisnummer ?? ''}${adres.huisletter ?? ''}${adres.huisnummerToevoeging ? `-${adres.huisnummerToevoeging}` : ''}`;
  return [adres.straatnaam, number, adres.postcode, adres.plaats].filter((part) => part !== undefined && part !== '').join(' ');
}

function namesOf(profile: KvkBasisprofiel): string[] {
  return [profile.naam, profile.statutaireNaam, ...(profile.handelsnamen ?? []).map((h) => h.naam)].filter((n): n is string => n !== undefined);
}

function visitingAddress(profile: KvkBasisprofiel): KvkAdres | undefined {
  return profile._embedded?.hoofdvestiging?.adressen?.find((a) => a.type === 'bezoekadres');
}

/** A search hit; as KvK does, a shielded address shows the town only. */
function searchResult(profile: KvkBasisprofiel, type: KvkVestigingType): KvkSearchResult {
  const adres = visitingAddress(profile);
  const shielded = adres?.indAfgeschermd === 'Ja';
  return {
    kvkNummer: profile.kvkNummer,
    ...(type !== 'rechtspersoon' && { vestigingsnummer: profile._embedded?.hoofdvestiging?.vestigingsnummer }),
    naam: profile.statutaireNaam ?? profile.naam ?? '',
    ...(adres && {
      adres: {
        binnenlandsAdres: {
          type: 'bezoekadres',
          ...(!shielded && adres.straatnaam !== undefined && { straatnaam: adres.straatnaam }),
          ...(adres.plaats !== undefined && { plaats: adres.plaats }),
        },
      },
    }),
    type,
  };
}

function positiveInt(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
}

function sendFout(res: ServerResponse, status: number, code: string, omschrijving: string, headers: Record<string, string> = {}): void {
  send(res, status, { fout: [{ code, omschrijving }] }, headers);
}
