import { ACTION_PREFIX } from '../actions';

/**
 * The support desk's action_ids, in the package's namespace (so the Slack Action Trigger's prefix
 * filter and authorization rules cover them like the Stripe buttons). The lookup ids name requests that
 * come from the /stripe command, the "Look up in Stripe" shortcut, a choice in a list of matches, and the
 * "Share in channel" button of a card; the team ids name the buttons that coordinate people on an alert.
 */
export const DESK_ACTIONS = {
	lookup: `${ACTION_PREFIX}lookup`, // slash command or message shortcut: value = what to look up
	pick: `${ACTION_PREFIX}lookup_pick`, // one of several matches: value = cus_…
	share: `${ACTION_PREFIX}share_card`, // post the card in the channel: value = cus_… or the object id
	assign: `${ACTION_PREFIX}assign`, // users_select: the chosen user
	escalate: `${ACTION_PREFIX}escalate`, // value = the Stripe object id of the alert
	markContacted: `${ACTION_PREFIX}mark_contacted`, // value = cus_… (or an object of the customer)
	createTicket: `${ACTION_PREFIX}create_ticket`, // value = the Stripe object id of the alert
	noise: `${ACTION_PREFIX}alerts_pause`, // /stripe pause 2h | resume | pause status: value = the command
} as const;

export const LOOKUP_ACTIONS: ReadonlySet<string> = new Set([DESK_ACTIONS.lookup, DESK_ACTIONS.pick, DESK_ACTIONS.share]);
export const TEAM_ACTIONS: ReadonlySet<string> = new Set([DESK_ACTIONS.assign, DESK_ACTIONS.escalate, DESK_ACTIONS.markContacted, DESK_ACTIONS.createTicket]);

/** The callback_id of the "Look up in Stripe" message shortcut in the Slack app manifest. */
export const LOOKUP_SHORTCUT_CALLBACK = DESK_ACTIONS.lookup;
