/** Pure formatter API (no n8n imports). */
export { formatStripeEvent, NotAStripeEventError, isStripeEvent, buildModel, renderModel, describeNonEvent } from './event';
export { formatSummary, isPrecomputedSummary, type PrecomputedSummary } from './batchSummary';
export { TEMPLATES, templateFor } from './templates/router';
export * from './types';
