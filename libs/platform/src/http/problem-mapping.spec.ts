import { BadRequestException, ConflictException, HttpException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { DomainError } from '@cm/shared-kernel';
import { ProblemException } from './problem';
import { bodyParserProblem, toProblem } from './problem-mapping';

class CustomerNumberTakenError extends DomainError {
  readonly code = 'CUSTOMER.NUMBER_TAKEN';
  readonly status = 409;
}

/** What Express's body parser throws (it is not a dependency of this lib, so built by hand). */
function parserError(type: string, status: number, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(type === 'entity.parse.failed' ? new SyntaxError(message) : new Error(message), {
    type,
    status,
    statusCode: status,
    expose: status < 500,
    ...extra,
  });
}

describe('toProblem', () => {
  it('maps a domain error by its code, status and details', () => {
    const problem = toProblem(new CustomerNumberTakenError('Number 12 is taken', { number: '12', status: 'x' }), '/v1/customers');
    expect(problem.status).toBe(409);
    expect(problem.unexpected).toBe(false);
    expect(problem.body).toEqual({
      type: 'urn:problem:CUSTOMER.NUMBER_TAKEN',
      title: 'Customer number taken',
      status: 409, // a detail cannot override the standard members
      detail: 'Number 12 is taken',
      instance: '/v1/customers',
      code: 'CUSTOMER.NUMBER_TAKEN',
      number: '12',
    });
  });

  it('sends Retry-After for a 503 or 429 domain error that says when to retry, and only then', () => {
    class Unavailable extends DomainError {
      readonly code = 'REGISTRY.UNAVAILABLE';
      readonly status = 503;
    }
    expect(toProblem(new Unavailable('down', { retryAfterSeconds: 29.2 }), '/').headers).toEqual({ 'Retry-After': '30' });
    expect(toProblem(new Unavailable('down'), '/').headers).toEqual({});
    expect(toProblem(new CustomerNumberTakenError('taken', { retryAfterSeconds: 5 }), '/').headers).toEqual({});
  });

  it('maps a domain error with an impossible status to 500', () => {
    class Odd extends DomainError {
      readonly code = 'ODD';
      readonly status = 200;
    }
    expect(toProblem(new Odd('odd'), '/').status).toBe(500);
  });

  it('maps Nest HTTP exceptions to about:blank with the status phrase as title', () => {
    const problem = toProblem(new NotFoundException('Cannot GET /v1/nothing'), '/v1/nothing');
    expect(problem.body).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'Cannot GET /v1/nothing',
      instance: '/v1/nothing',
    });
    expect(problem.headers).toEqual({});
  });

  it('keeps extra members of an HTTP exception body, drops Nest defaults', () => {
    const problem = toProblem(new ConflictException({ message: ['a', 'b'], error: 'Conflict', statusCode: 409, retryAfter: 3 }), '/x');
    expect(problem.body).toMatchObject({ status: 409, detail: 'a; b', retryAfter: 3 });
    expect(problem.body).not.toHaveProperty('statusCode');
    expect(problem.body).not.toHaveProperty('error');
  });

  it('maps plain HttpExceptions with a string body', () => {
    expect(toProblem(new HttpException('slow down', 429), '/x').body).toMatchObject({ title: 'Too Many Requests', detail: 'slow down' });
  });

  it('adds a Bearer challenge to every 401', () => {
    expect(toProblem(new UnauthorizedException(), '/v1/x').headers).toEqual({ 'WWW-Authenticate': 'Bearer' });
    const own = new ProblemException({ status: 401, detail: 'no', headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } });
    expect(toProblem(own, '/v1/x').headers).toEqual({ 'WWW-Authenticate': 'Bearer error="invalid_token"' });
  });

  it('maps a problem exception as given', () => {
    const problem = toProblem(
      new ProblemException({ status: 400, code: 'REQUEST.VALIDATION_FAILED', title: 'Validation failed', detail: 'bad', extensions: { errors: [] } }),
      '/v1/x',
    );
    expect(problem.body).toEqual({
      type: 'urn:problem:REQUEST.VALIDATION_FAILED',
      title: 'Validation failed',
      status: 400,
      detail: 'bad',
      instance: '/v1/x',
      code: 'REQUEST.VALIDATION_FAILED',
      errors: [],
    });
  });

  it('maps body parser errors: malformed JSON 400, too large 413, bad charset 415', () => {
    expect(toProblem(parserError('entity.parse.failed', 400, 'Unexpected token'), '/v1/x').body).toMatchObject({
      status: 400,
      code: 'REQUEST.MALFORMED_JSON',
    });
    expect(toProblem(parserError('entity.too.large', 413, 'too large', { limit: 1048576 }), '/v1/x').body).toMatchObject({
      status: 413,
      code: 'REQUEST.PAYLOAD_TOO_LARGE',
      limit: 1048576,
    });
    expect(toProblem(parserError('charset.unsupported', 415, 'unsupported charset "LATIN1"'), '/v1/x').status).toBe(415);
    expect(toProblem(parserError('request.aborted', 400, 'request aborted'), '/v1/x').status).toBe(400);
  });

  it('maps anything else to a 500 that reveals nothing', () => {
    const problem = toProblem(new Error('connect ECONNREFUSED 10.0.0.3:5432'), '/v1/x');
    expect(problem.status).toBe(500);
    expect(problem.unexpected).toBe(true);
    expect(JSON.stringify(problem.body)).not.toContain('ECONNREFUSED');
    expect(toProblem('a string', '/').status).toBe(500);
    expect(toProblem(undefined, '/').status).toBe(500);
  });

  it('leaves server-side errors that merely carry a status unmapped', () => {
    expect(bodyParserProblem(parserError('stream.encoding.set', 500, 'stream encoding should not be set'))).toBeUndefined();
    expect(bodyParserProblem(new BadRequestException())).toBeUndefined();
  });
});
