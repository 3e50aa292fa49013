/**
 * How much of Stripe's event catalogue has a message of its own: prints, for stripe-node's list of event
 * types, how many go to an event template, how many to an object renderer, and how many (and which) fall to
 * the generic card. Run: npm run catalogue   (add --json for the figures as JSON)
 */
import { generic, TEMPLATES, templateFor } from '../nodes/shared/format/templates/router';
import { STRIPE_VERSION, stripeEventTypes } from '../test/unit/format/catalogue';

const types = stripeEventTypes();
const own = types.filter((t) => Object.prototype.hasOwnProperty.call(TEMPLATES, t.type));
const toGeneric = types.filter((t) => templateFor(t.type) === generic);
const byObject = types.length - own.length - toGeneric.length;
const figures = { stripeNode: STRIPE_VERSION, eventTypes: types.length, eventTemplates: own.length, objectRenderers: byObject, generic: toGeneric.length, genericTypes: toGeneric.map((t) => t.type) };

if (process.argv.includes('--json')) console.log(JSON.stringify(figures, null, 2));
else {
	console.log(`stripe-node ${figures.stripeNode}: ${figures.eventTypes} event types`);
	console.log(`  ${figures.eventTemplates} with an event template of their own`);
	console.log(`  ${figures.objectRenderers} rendered by their object's renderer`);
	console.log(`  ${figures.generic} fall to the generic card${toGeneric.length ? ':' : ''}`);
	const byObj = new Map<string, string[]>();
	for (const t of toGeneric) byObj.set(t.object, [...(byObj.get(t.object) ?? []), t.type]);
	for (const [obj, ts] of byObj) console.log(`    ${obj} (${ts.length}): ${ts.join(', ')}`);
}
