/**
 * The optional parts, by the capability name docs and settings use (WEBHOOK_CAPABILITIES). An adapter either has a part
 * or not: sync/ calls only what exists, so a capability and its methods cannot disagree.
 */
export const CRM_CAPABILITIES = { callCard: 'card', recording: 'recordings', callbackTask: 'tasks', responsible: 'responsible' };
