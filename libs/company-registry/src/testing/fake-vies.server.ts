import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJsonObject } from '../remote/http-call';
import { readBody, sendJson as send, startFakeHttpServer } from './fake-http-server';

/** A company the fake knows: name and address default to `---` (not released), as the Netherlands answers. */
export interface FakeViesCompany {
  readonly name?: string;
  /** Multi-line: `"RUE ROYALE 10\n1000 BRUXELLES"`. */
  readonly address?: string;
  readonly requestIdentifier?: string;
}

/** A scripted answer instead of the normal one. */
export type FakeViesScript =
  /** `{"actionSucceed":false,"errorWrappers":[{"error":...}]}` with this status (VIES uses 200 as well as 4xx/5xx). */
  | { readonly kind: 'envelope'; readonly error: string; readonly status?: number }
  /** `{"isValid":false,"userError":...}`, how the GET call reports MS_UNAVAILABLE and friends. */
  | { readonly kind: 'user-error'; readonly userError: string; readonly status?: number }
  /** An HTML error page, as a proxy in front of VIES sends. */
  | { readonly kind: 'html'; readonly status: number }
  /** The normal answer, after a delay (longer than the client's timeout, typically). */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** The connection is closed without an answer. */
  | { readonly kind: 'drop' }
  /** Any status and body. */
  | { readonly kind: 'raw'; readonly status: number; readonly body: string };

export interface FakeViesRequest {
  readonly method: string;
  /** Below the base URL: `/ms/BE/vat/0403019261`, `/check-vat-number`. */
  readonly path: string;
  /** Date.now() when the request arrived. */
  readonly at: number;
}

export interface FakeVies {
  /** The base URL to configure (like `https://ec.europa.eu/taxation_customs/vies/rest-api`). */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: readonly FakeViesRequest[];
  /** Registers a valid VAT number (number without the country prefix). Unknown numbers are invalid. */
  setCompany(countryCode: string, vatNumber: string, company?: FakeViesCompany): void;
  /** Every request for this number gets the scripted answer, until {@link reset}. */
  setAnswer(countryCode: string, vatNumber: string, answer: FakeViesScript): void;
  /** The next `count` requests, whatever the number, fail like this (a string is an envelope error code). */
  failNext(count: number, failure: FakeViesScript | string, httpStatus?: number): void;
  /** Forgets companies, scripts and recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

/** Where the real API lives below its host; the fake uses the same path so base URL handling is exercised. */
const BASE_PATH = '/taxation_customs/vies/rest-api';

/** Member-state codes VIES accepts (Greece is EL, Northern Ireland XI). */
const MEMBER_STATES = new Set('AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK XI'.split(' '));

/**
 * A local stand-in for the EU VIES REST API, speaking its documented protocol
 * errors included: `GET /ms/{cc}/vat/{number}` and `POST /check-vat-number`.
 */
export async function startFakeVies(): Promise<FakeVies> {
  const companies = new Map<string, FakeViesCompany>();
  const answers = new Map<string, FakeViesScript>();
  const queued: FakeViesScript[] = [];
  const requests: FakeViesRequest[] = [];

  const server = await startFakeHttpServer((req, res) => {
    const at = Date.now();
    const path = (req.url ?? '').split('?')[0];
    const inner = path.startsWith(`${BASE_PATH}/`) ? path.slice(BASE_PATH.length) : undefined;
    requests.push({ method: req.method ?? '', path: inner ?? path, at });
    void handle(req, res, inner).catch(() => res.destroy());
  });

  async function handle(req: IncomingMessage, res: ServerResponse, path: string | undefined): Promise<void> {
    const get = path !== undefined && req.method === 'GET' ? /^\/ms\/([^/]+)\/vat\/([^/]+)$/.exec(path) : null;
    let query: { countryCode: string; vatNumber: string; post: boolean } | undefined;
    if (get) {
      query = { countryCode: decodeURIComponent(get[1]), vatNumber: decodeURIComponent(get[2]), post: false };
    } else if (path === '/check-vat-number' && req.method === 'POST') {
      const body = parseJsonObject(await readBody(req)) ?? {};
      query = { countryCode: String(body.countryCode ?? ''), vatNumber: String(body.vatNumber ?? ''), post: true };
    }
    if (!query) return send(res, 404, envelope('NOT_FOUND', `No route ${req.method} ${path ?? ''}`));

    const key = keyOf(query.countryCode, query.vatNumber);
    const script = queued.shift() ?? answers.get(key);
    if (script?.kind === 'slow') return server.later(res, script.delayMs, () => answer(res, query, key));
    if (script) return play(req, res, script);
    answer(res, query, key);
  }

  function answer(res: ServerResponse, query: { countryCode: string; vatNumber: string; post: boolean }, key: string): void {
    const cc = query.countryCode.toUpperCase();
    if (!MEMBER_STATES.has(cc) || !/^[0-9A-Z+*]{2,12}$/i.test(query.vatNumber)) {
      return send(res, 400, envelope('INVALID_INPUT', 'The provided CountryCode or VAT number is invalid'));
    }
    const company = companies.get(key);
    const requestDate = new Date().toISOString();
    const name = company?.name ?? '---';
    const address = company?.address ?? '---';
    const requestIdentifier = company?.requestIdentifier ?? '';
    if (query.post) {
      return send(res, 200, { countryCode: cc, vatNumber: query.vatNumber, requestDate, valid: company !== undefined, requestIdentifier, name, address });
    }
    send(
      res,
      200,
      company
        ? { isValid: true, requestDate, userError: 'VALID', name, address, requestIdentifier, vatNumber: query.vatNumber }
        : { isValid: false, requestDate, userError: 'INVALID', name: '---', address: '---', requestIdentifier: '', vatNumber: query.vatNumber },
    );
  }

  function play(req: IncomingMessage, res: ServerResponse, script: Exclude<FakeViesScript, { kind: 'slow' }>): void {
    switch (script.kind) {
      case 'envelope':
        return send(res, script.status ?? 200, envelope(script.error, `Fake VIES: ${script.error}`));
      case 'user-error':
        return send(res, script.status ?? 200, {
          isValid: false,
          requestDate: new Date().toISOString(),
          userError: script.userError,
          name: '---',
          address: '---',
          requestIdentifier: '',
          vatNumber: '',
        });
      case 'html':
        res.writeHead(script.status, { 'content-type': 'text/html' });
        res.end(`<html><body><h1>${script.status} Service Unavailable</h1></body></html>`);
        return;
      case 'drop':
        req.socket.destroy();
        return;
      case 'raw':
        res.writeHead(script.status, { 'content-type': 'application/json' });
        res.end(script.body);
        return;
    }
  }

  return {
    url: `${server.origin}${BASE_PATH}`,
    requests,
    setCompany: (countryCode, vatNumber, company = {}) => void companies.set(keyOf(countryCode, vatNumber), company),
    setAnswer: (countryCode, vatNumber, script) => void answers.set(keyOf(countryCode, vatNumber), script),
    failNext: (count, failure, httpStatus = 200) => {
      const script: FakeViesScript = typeof failure === 'string' ? { kind: 'envelope', error: failure, status: httpStatus } : failure;
      for (let i = 0; i < count; i += 1) queued.push(script);
    },
    reset: () => {
      companies.clear();
      answers.clear();
      queued.length = 0;
      requests.length = 0;
    },
    close: () => server.close(),
  };
}

/** `BE`, `BE0403.019.261` and `0403019261` name the same number. */
function keyOf(countryCode: string, vatNumber: string): string {
  const cc = countryCode.trim().toUpperCase();
  const number = vatNumber.toUpperCase().replace(/[\s.\-/]/g, '');
  return `${cc}:${number.startsWith(cc) ? number.slice(cc.length) : number}`;
}

function envelope(error: string, message: string): object {
  return { actionSucceed: false, errorWrappers: [{ error, message }] };
}
