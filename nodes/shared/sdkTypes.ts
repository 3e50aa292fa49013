/**
 * The types of the Stripe and Slack SDKs, for the modules that only pass a client or an object around.
 * Types only: this compiles to nothing. The modules that load the SDKs themselves are stripeClient.ts,
 * stripe/signature.ts, slack/slackApi.ts and delivery/slackTransport.ts (docs/n8n-checks.md).
 */
export type { default as Stripe } from 'stripe';
export type { WebClient } from '@slack/web-api';
