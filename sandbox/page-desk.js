/* The sandbox page's support-desk parts (loaded after page.html's script, using its helpers):
 * a message box that sends the signed /stripe slash command as the selected user, a "Look up in Stripe"
 * message shortcut on every message, and the user picker (users_select) of the Assign action. */
'use strict';
(function () {
  const style = document.createElement('style');
  style.textContent = '#cmd { display: flex; gap: 8px; padding: 10px 20px; border-top: 1px solid #ddd; }' +
    '#cmd input { flex: 1; padding: 8px 10px; border: 1px solid #bbb; border-radius: 6px; font: inherit; }' +
    '.shortcut { position: absolute; right: 20px; top: 6px; display: none; font-size: 12px; padding: 2px 8px; border: 1px solid #ddd; border-radius: 4px; background: #fff; cursor: pointer; }' +
    '.msg:hover > .shortcut { display: block; } .bk-select { padding: 4px 6px; border: 1px solid #bbb; border-radius: 4px; font: inherit; }';
  document.head.appendChild(style);

  const form = el('form'); form.id = 'cmd';
  const input = el('input'); input.id = 'cmd-text'; input.placeholder = '/stripe name@example.com  (or cus_…, in_…, ch_…, pi_…, sub_…, du_…, help)';
  const send = el('button', 'bk-btn primary', 'Send');
  form.appendChild(input); form.appendChild(send);
  $('main').insertBefore(form, $('rejected'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const m = /^\s*(\/[a-z0-9_-]+)?\s*([\s\S]*)$/i.exec(input.value);
    try {
      const r = await (await fetch('/_sandbox/slack/command', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ command: m[1] || '/stripe', text: m[2].trim(), user_id: $('actor').value, channel: state.channel }) })).json();
      if (r.error === 'no_command_url') toast('\u26a0\ufe0f No slash command URL is configured (SANDBOX_COMMAND_URL or POST /_sandbox/config).', true);
      else if (r.status >= 200 && r.status < 300) { toast('Sent ' + (m[1] || '/stripe') + ' \u2192 ' + r.status); input.value = ''; }
      else toast('\u26a0\ufe0f stripe-bot didn\u2019t respond: ' + (r.status ? 'HTTP ' + r.status : r.error), true);
    } catch (e) { toast('\u26a0\ufe0f ' + e.message, true); }
    poll();
  });

  async function shortcut(channel, ts) {
    const r = await (await fetch('/_sandbox/slack/shortcut', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel, ts, user_id: $('actor').value }) })).json();
    toast(r.status ? 'Sent message shortcut \u2192 ' + r.status : '\u26a0\ufe0f ' + r.error, !r.status);
    poll();
  }
  new MutationObserver(() => {
    document.querySelectorAll('#messages .msg:not(.ephemeral)').forEach((row) => {
      if (row.querySelector(':scope > .shortcut')) return;
      const b = el('button', 'shortcut', 'Look up in Stripe');
      b.addEventListener('click', () => shortcut(row.dataset.channel, row.dataset.ts));
      row.appendChild(b);
    });
  }).observe($('messages'), { childList: true, subtree: true });

  const plainElement = window.element;
  window.element = function (elm, msg, block) {
    if (!elm || elm.type !== 'users_select') return plainElement(elm, msg, block);
    const sel = el('select', 'bk-select');
    sel.appendChild(el('option', null, (elm.placeholder && elm.placeholder.text) || 'Select a user'));
    (state.workspace ? state.workspace.users : []).filter((u) => u.id !== 'U_BOT').forEach((u) => {
      const o = el('option', null, u.real_name); o.value = u.id; if (u.id === elm.initial_user) o.selected = true; sel.appendChild(o);
    });
    sel.addEventListener('change', async () => {
      if (!sel.value) return;
      const r = await (await fetch('/_sandbox/slack/click', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ channel: msg.channel, ts: msg.ts, action_id: elm.action_id, block_id: block.block_id, user_id: $('actor').value, selected_user: sel.value }) })).json();
      toast(r.status ? 'Sent block_actions \u2192 ' + r.status : '\u26a0\ufe0f ' + r.error, !r.status);
      poll();
    });
    return sel;
  };
  // The pause state, as a Slack user sees it: the newest /stripe pause or resume in the support desk's access log.
  const banner = el('div'); banner.id = 'pause-banner';
  banner.style.cssText = 'display:none; padding: 8px 20px; background: #fff4d6; border-bottom: 1px solid #e8c766; font-size: 14px;';
  $('main').insertBefore(banner, $('main').firstChild);
  function pauseState() {
    const msgs = ((state.data && state.data.messages) || []).filter((m) => /used alerts_pause on `/.test(m.text || ''));
    let last = null;
    for (const m of msgs) {
      const subject = /used alerts_pause on `([^`]*)`/.exec(m.text)[1];
      if (subject.startsWith('pause_status') || !/: done/.test(m.text)) continue;
      if (!last || Number(m.ts) > Number(last.ts)) last = { ts: m.ts, subject, text: m.text };
    }
    const until = last && last.subject.startsWith('pause') ? /paused until ([0-9T:.\-]+Z)/.exec(last.text) : null;
    const who = last ? (/<@([A-Z0-9_]+)>/.exec(last.text) || [])[1] : null;
    if (until && Date.parse(until[1]) > Date.now()) {
      const u = state.workspace && state.workspace.users.find((x) => x.id === who);
      banner.textContent = '\u23f8\ufe0f Routine Stripe alerts are paused until ' + new Date(until[1]).toISOString().slice(11, 16) + ' UTC' +
        (u ? ' (by ' + u.real_name + ')' : '') + ': they are held and summarized when the pause ends. /stripe resume ends it now.';
      banner.style.display = 'block';
    } else banner.style.display = 'none';
  }
  setInterval(pauseState, 1000);
  render(true);
})();
