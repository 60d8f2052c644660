/** Who caused a change: recorded on every event for the audit trail. */
export type Actor =
  | { readonly type: 'api-key'; readonly id: string }
  | { readonly type: 'user'; readonly id: string }
  | { readonly type: 'system'; readonly id: string }
  | { readonly type: 'import-job'; readonly id: string }
  | { readonly type: 'crm-connector'; readonly id: string };

export const systemActor = (id = 'system'): Actor => ({ type: 'system', id });
