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
  render(true);
})();
