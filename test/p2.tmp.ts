import { makeEvent } from '../bench/lib/load';
import { formatStripeEvent } from '../nodes/shared/format/event';
import { knownPersonalText } from '../nodes/shared/format/known';
import { splitShares } from '../nodes/shared/format/joined';
const evs = Array.from({ length: 2000 }, (_, i) => JSON.parse(makeEvent('r', i).body));
const time = (name: string, f: (e: any) => unknown) => {
	for (let r = 0; r < 2; r++) { const t0 = process.hrtime.bigint(); for (const e of evs) f(e); if (r) console.log(name, (Number(process.hrtime.bigint() - t0) / 1e3 / evs.length).toFixed(1), 'µs/event'); }
};
time('format', (e) => formatStripeEvent(e, { channel: 'C1' }));
time('known', (e) => knownPersonalText({ obj: e.data.object, objectType: 'payment_intent' }));
time('split', (e) => splitShares(e.data.object, 'standard'));
console.log(JSON.stringify(evs[0]).length, String(knownPersonalText({ obj: evs[0].data.object, objectType: 'payment_intent' })?.names));
