import type { LoggerService } from '@nestjs/common';

/**
 * Nest's logger for the CLI: stdout carries results only, so every log line
 * goes to stderr, and below warnings only with --verbose.
 */
export class StderrLogger implements LoggerService {
  constructor(private readonly chatty: boolean) {}

  log(message: unknown, context?: string): void {
    if (this.chatty) this.write('log', message, context);
  }

  debug(message: unknown, context?: string): void {
    if (this.chatty) this.write('debug', message, context);
  }

  verbose(message: unknown, context?: string): void {
    if (this.chatty) this.write('verbose', message, context);
  }

  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }

  error(message: unknown, ...rest: unknown[]): void {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    this.write('error', message, context);
  }

  private write(level: string, message: unknown, context?: string): void {
    process.stderr.write(`[${level}]${context ? ` ${context}:` : ''} ${String(message)}\n`);
  }
}
