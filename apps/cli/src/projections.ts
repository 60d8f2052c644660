import { customerListProjection } from '@cm/customer';
import { auditLogProjection, type Projection } from '@cm/event-store';

/**
 * Every projection of the application (asynchronous and inline), as the API registers them:
 * the CLI lists, rebuilds and resumes exactly these. A new bounded context adds
 * its projections here, one line each.
 */
export function cliProjections(): readonly Projection[] {
  return [auditLogProjection, customerListProjection];
}
