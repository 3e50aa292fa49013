import { makeEvent } from '../bench/lib/load';
import { formatStripeEvent } from '../nodes/shared/format/event';
const evs = Array.from({ length: 3000 }, (_, i) => JSON.parse(makeEvent('r', i).body));
for (const e of evs) formatStripeEvent(e, { channel: 'C1' });
