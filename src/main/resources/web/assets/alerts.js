// Telling the user about what happens elsewhere: desktop notifications (asked for politely,
// never on load) for mentions and private messages while the tab is hidden, and brief
// announcements for screen readers.

/** Returns offerNotifications, notify and announce. */
export function attachAlerts(app) {
  const { e, state, view, apply, activate } = app;

  function offerNotifications() {
    let dismissed = false;
    try {
      dismissed = localStorage.getItem('lochat.notify') === 'no';
    } catch { /* private mode */ }
    e.notifyBanner.hidden = !('Notification' in window) || Notification.permission !== 'default'
      || dismissed;
  }

  e.notifyYes.addEventListener('click', async () => {
    e.notifyBanner.hidden = true;
    try {
      await Notification.requestPermission();
    } catch { /* unsupported */ }
  });

  e.notifyNo.addEventListener('click', () => {
    e.notifyBanner.hidden = true;
    try {
      localStorage.setItem('lochat.notify', 'no');
    } catch { /* private mode */ }
  });

  function notify(key, entry) {
    if (!document.hidden || !('Notification' in window) || Notification.permission !== 'granted') {
      return;
    }
    const target = state.views.get(key);
    const where = target && target.kind === 'room' ? ` in #${target.name}` : '';
    try {
      const note = new Notification(`${entry.nick}${where}`, { body: entry.text, tag: key || 'lochat' });
      note.onclick = () => {
        window.focus();
        if (key && state.views.has(key)) {
          activate(key);
        }
        note.close();
      };
    } catch { /* some browsers need a service worker */ }
  }

  function announce(key, entry) {
    const target = state.views.get(key);
    const said = entry.kind === 'action' ? `${entry.nick} ${entry.text}` : `${entry.nick}: ${entry.text}`;
    if (key === state.active) {
      view.announce(said.length > 200 ? said.slice(0, 200) + '…' : said);
    } else if (target) {
      view.announce(target.kind === 'priv'
        ? `Private message from ${entry.nick}` : `${entry.nick} mentioned you in ${target.name}`);
    }
  }

  document.addEventListener('visibilitychange', () => {
    apply([...state.setHidden(document.hidden), { type: 'views' }]);
  });

  return { offerNotifications, notify, announce };
}
