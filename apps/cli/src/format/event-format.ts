import type { EventMetadata, StoredEvent } from '@cm/event-store';

const actorOf = (metadata: EventMetadata): string =>
  metadata.actor ? `${metadata.actor.type}:${metadata.actor.id}` : 'unknown';

/** `position  recordedAt  org  streamType/streamId@version  type  actor`: one event per line, for tailing. */
export function formatTailLine(event: StoredEvent, organization: string): string {
  return [
    event.position.toString(),
    event.recordedAt.toISOString(),
    organization,
    `${event.streamType}/${event.streamId}@${event.version}`,
    event.type,
    actorOf(event.metadata),
  ].join('  ');
}

/** A stream's history for reading: a header, then each event with its metadata and data. */
export function formatStream(events: readonly StoredEvent[], organization: string): string {
  const first = events[0];
  const lines = [`${first.streamType}/${first.streamId} in ${organization}: ${events.length} event${events.length === 1 ? '' : 's'}`];
  for (const event of events) {
    lines.push(
      '',
      `@${event.version}  ${event.type}  ${event.recordedAt.toISOString()}`,
      `    actor        ${actorOf(event.metadata)}`,
      `    correlation  ${event.metadata.correlationId ?? '-'}`,
      `    position     ${event.position}`,
    );
    if (event.erasedFields.length > 0) lines.push(`    erased       ${event.erasedFields.join(', ')} (data subject forgotten)`);
    lines.push('    data', ...JSON.stringify(event.data, null, 2).split('\n').map((line) => `    ${line}`));
  }
  return lines.join('\n');
}

/** The same history as JSON: big integers as strings, times in ISO 8601. */
export function streamAsJson(events: readonly StoredEvent[], organization: string): string {
  return JSON.stringify(
    events.map((event) => ({
      organization,
      tenant: event.tenant,
      streamType: event.streamType,
      streamId: event.streamId,
      version: event.version,
      position: event.position.toString(),
      eventId: event.id,
      type: event.type,
      schemaVersion: event.schemaVersion,
      recordedAt: event.recordedAt.toISOString(),
      actor: event.metadata.actor ?? null,
      correlationId: event.metadata.correlationId ?? null,
      causationId: event.metadata.causationId ?? null,
      requestId: event.metadata.requestId ?? null,
      data: event.data,
      erasedFields: event.erasedFields,
    })),
    null,
    2,
  );
}
