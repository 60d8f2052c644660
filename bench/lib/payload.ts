import { randomUUID } from 'node:crypto';

/**
 * A customer-like event body (about 300 bytes of JSON), different on every
 * call so PostgreSQL cannot benefit from identical values.
 */
export function customerPayload(sequence: number): Record<string, unknown> {
  return {
    customerId: randomUUID(),
    kind: 'person',
    name: { given: 'Alexandra', family: `Lindqvist-${sequence}` },
    email: `alexandra.lindqvist.${sequence}@example.com`,
    phone: '+46 70 123 45 67',
    address: { street: 'Storgatan 12', postcode: '114 51', city: 'Stockholm', country: 'SE' },
    tags: ['newsletter', 'vip'],
    source: 'web-signup',
  };
}

export const payloadBytes = (): number => Buffer.byteLength(JSON.stringify(customerPayload(123456)));
