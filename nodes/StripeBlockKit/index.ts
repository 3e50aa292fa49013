/** Pure formatter API (no n8n imports). */
export { formatStripeEvent, NotAStripeEventError, isStripeEvent, buildModel, renderModel, describeNonEvent } from './format';
export { formatSummary, isPrecomputedSummary, type PrecomputedSummary } from './summary';
export { TEMPLATES, templateFor } from './router';
export * from '../shared/format/types';
