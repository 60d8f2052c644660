/** The domain, for the commands of this context. The lib's public surface is src/index.ts. */
export * from './customer.errors';
export * from './customer.events';
export * from './customer.fields';
export * from './customer.guards';
export * from './customer.invariants';
export * from './customer.state';
export * from './decide-context';
export * from './value-objects';
