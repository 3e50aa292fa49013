import { makeEvent } from '../bench/lib/load';
import { formatStripeEvent } from '../nodes/shared/format/event';
const evs = Array.from({ length: 500 }, (_, i) => JSON.parse(makeEvent('r', i).body));
for (let round = 0; round < 5; round++) {
	const t0 = process.hrtime.bigint();
	for (const e of evs) formatStripeEvent(e, { channel: 'C1' });
	console.log('500 events', Number(process.hrtime.bigint() - t0) / 1e6, 'ms');
}
