// What the page knows about the chat: its rooms and private conversations, their members,
// topics, messages and unread counts, and how messages group. Pure: server messages go in,
// "effects" come out (what to draw, what to send, what to announce), and the page applies
// them. Nothing here touches the DOM, so it is tested with node alone.

import { mentions } from './links.js';
import { roomKey, privKey, same, SERVER_VIEW } from './names.js';
import { SERVER_MESSAGES } from './messages.js';

export { roomKey, privKey, same, sortMembers } from './names.js';

export const GROUP_WINDOW_MS = 5 * 60 * 1000;
export const LOG_LIMIT = 1500;
const INFO_MERGE_MS = 1500;
/** What the server answers a join with, after JOINED: the topic and modes are not news then. */
const JOIN_ANSWER = new Set(['who', 'away', 'topic', 'notopic', 'modes']);

/** The document title for a number of unread messages. */
export function titleFor(unread, base = 'Lochat') {
  return unread > 0 ? `(${unread}) ${base}` : base;
}

/** Whether message entry next shares the header of entry prev: same sender, within 5 minutes. */
export function continues(prev, next) {
  return Boolean(prev) && prev.t === 'msg' && next.t === 'msg'
    && prev.kind === 'text' && next.kind === 'text' && same(prev.nick, next.nick)
    && prev.history === next.history
    && next.time - prev.time >= 0 && next.time - prev.time < GROUP_WINDOW_MS;
}

function parseTime(time, fallback) {
  const date = typeof time === 'string' ? new Date(time) : null;
  return date && !Number.isNaN(date.getTime()) ? date.getTime() : fallback;
}

export class ChatState {
  constructor({ now = () => Date.now() } = {}) {
    this.now = now;
    this.me = null;
    this.views = new Map();
    this.active = null;
    this.current = null;
    this.pendingView = null;
    this.away = new Map();
    this.hidden = false;
    this.knownRooms = [];
    this.quietRooms = 0;
    this.loudWho = 0;
    this.lastType = null;
    this.joinAnswer = null;
    this.seq = 0;
  }

  /** Forgets everything, as after leaving the chat. */
  reset() {
    Object.assign(this, new ChatState({ now: this.now }));
  }

  // ---- views

  ensureRoom(name) {
    const key = roomKey(name);
    let view = this.views.get(key);
    if (!view) {
      view = this.newView(key, 'room', name);
    }
    return view;
  }

  ensurePriv(nick) {
    const key = privKey(nick);
    let view = this.views.get(key);
    if (!view) {
      view = this.newView(key, 'priv', nick);
      view.joined = true;
    } else {
      view.name = nick;
    }
    return view;
  }

  newView(key, kind, name) {
    const view = {
      key, kind, name, joined: false, everJoined: false, topic: null, modes: '',
      members: [], log: [], unread: 0, mentions: 0, seen: new Set(), historyAdded: 0,
      lastDay: null,
    };
    this.views.set(key, view);
    return view;
  }

  rooms() {
    return [...this.views.values()].filter((v) => v.kind === 'room');
  }

  conversations() {
    return [...this.views.values()].filter((v) => v.kind === 'priv');
  }

  /** Every view in sidebar order: the server view (if used), rooms, then conversations. */
  ordered() {
    const server = this.views.get(SERVER_VIEW);
    return [...(server ? [server] : []), ...this.rooms(), ...this.conversations()];
  }

  activeView() {
    return this.active ? this.views.get(this.active) || null : null;
  }

  totalUnread() {
    let total = 0;
    for (const view of this.views.values()) {
      total += view.unread;
    }
    return total;
  }

  /** Shows view key: its unread count is cleared, and a room becomes the server's current. */
  setActive(key) {
    if (!this.views.has(key)) {
      return [];
    }
    this.active = key;
    const view = this.views.get(key);
    if (!this.hidden) {
      view.unread = 0;
      view.mentions = 0;
    }
    return [{ type: 'activate', key }, { type: 'views' }, ...this.ensureCurrent(),
      ...this.refreshMembers()];
  }

  /** Asks for the viewed room's members again: away status has no event of its own. */
  refreshMembers() {
    const view = this.activeView();
    return view && view.kind === 'room' && view.joined
      ? [{ type: 'send', message: { type: 'who', room: view.name } }] : [];
  }

  /** The join that makes the viewed room the server's current room, if it is not already. */
  ensureCurrent() {
    const view = this.activeView();
    if (view && view.kind === 'room' && view.joined && this.current !== view.key) {
      this.current = view.key;
      return [{ type: 'send', message: { type: 'join', room: view.name } }];
    }
    return [];
  }

  setHidden(hidden) {
    this.hidden = hidden;
    const view = this.activeView();
    if (!hidden && view && view.unread > 0) {
      view.unread = 0;
      view.mentions = 0;
      return [{ type: 'views' }];
    }
    return [];
  }

  /** Closes a private conversation, or forgets a room after leaving it; picks another view. */
  removeView(key) {
    this.views.delete(key);
    const effects = [{ type: 'views' }];
    if (this.active === key) {
      this.active = null;
      const next = (this.current && this.views.get(this.current)) || this.ordered()[0];
      effects.push(...(next ? this.setActive(next.key) : [{ type: 'activate', key: null }]));
    }
    return effects;
  }

  clear(key) {
    const view = this.views.get(key);
    if (view) {
      view.log = [];
      view.lastDay = null;
    }
    return [{ type: 'activate', key: this.active }];
  }

  /** The connection dropped: rooms are no longer joined; the rooms to join again, in order. */
  disconnected() {
    const rooms = [];
    for (const view of this.rooms()) {
      if (view.joined) {
        rooms.push(view.name);
      }
      view.joined = false;
    }
    this.current = null;
    return rooms;
  }

  /** Nicknames to complete in the viewed conversation. */
  completionNicks() {
    const view = this.activeView();
    if (!view) {
      return [];
    }
    if (view.kind === 'priv') {
      return [view.name, ...(this.me ? [this.me] : [])];
    }
    return view.members.map((m) => m.nick).filter((n) => !same(n, this.me));
  }

  roomNames() {
    const names = new Map();
    for (const name of [...this.rooms().map((v) => v.name), ...this.knownRooms]) {
      if (!names.has(name.toLowerCase())) {
        names.set(name.toLowerCase(), name);
      }
    }
    return [...names.values()];
  }

  // ---- entries

  append(view, entry) {
    entry.seq = ++this.seq;
    entry.at = this.now();
    view.log.push(entry);
    const effects = [{ type: 'append', key: view.key, entry }];
    if (view.log.length > LOG_LIMIT) {
      const count = view.log.length - LOG_LIMIT;
      view.log.splice(0, count);
      effects.push({ type: 'trim', key: view.key, count });
    }
    return effects;
  }

  last(view) {
    return view.log[view.log.length - 1];
  }

  /** Information for the user (a server reply, an error): in the viewed conversation. */
  info(text, level = 'info') {
    let view = this.activeView();
    const effects = [];
    if (!view) {
      view = this.views.get(SERVER_VIEW) || this.newView(SERVER_VIEW, 'server', 'Server');
      view.joined = true;
      effects.push(...this.setActive(view.key));
    }
    const last = this.last(view);
    if (last && last.t === 'info' && last.level === level && this.now() - last.at < INFO_MERGE_MS) {
      last.lines.push(text);
      last.at = this.now();
      return [...effects, { type: 'update', key: view.key, entry: last }];
    }
    return [...effects, ...this.append(view, { t: 'info', level, lines: [text] })];
  }

  event(view, text) {
    const last = this.last(view);
    if (last && last.t === 'events') {
      last.items.push(text);
      return [{ type: 'update', key: view.key, entry: last }];
    }
    return this.append(view, { t: 'events', items: [text] });
  }

  note(view, text) {
    return this.append(view, { t: 'note', text });
  }

  messageEntry(view, { nick, text, kind, id, time, history }) {
    const own = same(nick, this.me);
    return {
      t: 'msg', nick, text, kind: kind || 'text', id, history: Boolean(history), own,
      time: parseTime(time, this.now()),
      mention: !own && view.kind === 'room' && mentions(text, nick, this.me),
    };
  }

  message(view, fields) {
    const entry = this.messageEntry(view, fields);
    const own = entry.own;
    const effects = [];
    const day = new Date(entry.time).toDateString();
    if (view.lastDay !== day && (view.lastDay !== null || day !== new Date(this.now()).toDateString())) {
      effects.push(...this.append(view, { t: 'day', time: entry.time }));
    }
    view.lastDay = day;
    entry.continued = continues(this.last(view), entry);
    effects.push(...this.append(view, entry));
    if (!entry.history && !own) {
      if (view.key !== this.active || this.hidden) {
        view.unread += 1;
        if (entry.mention || view.kind === 'priv') {
          view.mentions += 1;
        }
        effects.push({ type: 'views' });
      }
      if (entry.mention || view.kind === 'priv') {
        effects.push({ type: 'alert', key: view.key, entry });
      }
      if (view.key === this.active || entry.mention || view.kind === 'priv') {
        effects.push({ type: 'announce', key: view.key, entry });
      }
    }
    return effects;
  }

  // ---- earlier messages

  /** Asks for the page of history before the oldest message shown in the viewed room. */
  requestOlder(count = 50) {
    const view = this.activeView();
    if (!view || view.kind !== 'room' || !view.joined || view.loadingOlder || view.noMoreHistory) {
      return [];
    }
    view.loadingOlder = true;
    view.olderBatch = [];
    view.olderAsked = count;
    const before = view.oldestId ? { before: view.oldestId } : {};
    return [...this.ensureCurrent(), { type: 'send', message: { type: 'history', ...before, count } },
      { type: 'older', key: view.key }];
  }

  /** A page of history has ended: its entries go above what is shown. */
  prependOlder(view, count) {
    const batch = view.olderBatch || [];
    let previous = null;
    for (const entry of batch) {
      entry.seq = ++this.seq;
      entry.at = this.now();
      if (entry.t === 'msg') {
        entry.continued = continues(previous, entry);
      }
      previous = entry;
    }
    view.log.unshift(...batch);
    view.olderBatch = [];
    view.loadingOlder = false;
    if (count < (view.olderAsked || 1) || batch.length === 0) {
      view.noMoreHistory = true;
    }
    return [{ type: 'prepend', key: view.key, entries: batch }, { type: 'older', key: view.key }];
  }

  // ---- server messages

  /** Applies one server message (after sign-in); returns the effects. */
  apply(msg) {
    const handler = SERVER_MESSAGES[msg.type];
    if (!JOIN_ANSWER.has(msg.type)) {
      this.joinAnswer = null;
    }
    const effects = handler ? handler.call(this, msg) : [];
    if (msg.type === 'joined' && same(msg.nick, this.me)) {
      this.joinAnswer = { key: roomKey(msg.room), topic: true };
    } else if ((msg.type === 'topic' || msg.type === 'notopic') && this.joinAnswer) {
      this.joinAnswer.topic = false;
    }
    this.lastType = msg.type;
    return effects;
  }

  /** Whether a topic (or, topic false, modes) message for view is part of the answer to a join. */
  inJoinAnswer(view, topic) {
    return Boolean(this.joinAnswer) && this.joinAnswer.key === view.key
      && (!topic || this.joinAnswer.topic);
  }

  setMembers(view, members) {
    view.members = members.map((m) => ({ nick: m.nick, op: Boolean(m.op), voice: Boolean(m.voice) }));
    for (const member of view.members) {
      this.away.delete(member.nick.toLowerCase());
    }
    return [{ type: 'members', key: view.key }];
  }
}

