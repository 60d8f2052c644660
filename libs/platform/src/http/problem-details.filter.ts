import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type HttpRequest, type HttpResponse, requestPath } from './http-types';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { toProblem } from './problem-mapping';

/** The one exception filter of the HTTP API: every error leaves as `application/problem+json`. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const response = http.getResponse<HttpResponse>();
    const path = requestPath(request);
    const problem = toProblem(exception, path);

    let body = problem.body;
    if (problem.unexpected) {
      // The id ties the client's report to the log line without exposing the error itself.
      const errorId = randomUUID();
      body = { ...body, errorId };
      const stack = exception instanceof Error ? exception.stack : String(exception);
      this.logger.error(`${request.method} ${path} failed (errorId ${errorId})`, stack);
    } else if (problem.status >= 500) {
      this.logger.warn(`${request.method} ${path}: ${problem.status} ${body.detail ?? ''}`);
    }

    if (response.headersSent) {
      response.destroy(); // too late for a problem document; cut the connection so the client sees a failure
      return;
    }
    const payload = JSON.stringify(body);
    response.statusCode = problem.status;
    for (const [name, value] of Object.entries(problem.headers)) response.setHeader(name, value);
    response.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    response.setHeader('Content-Length', Buffer.byteLength(payload));
    response.end(request.method === 'HEAD' ? undefined : payload);
  }
}
