// What the page knows about the chat: its rooms and private conversations, their members,
// topics, messages and unread counts, and how messages group. Pure: server messages go in,
// "effects" come out (what to draw, what to send, what to announce), and the page applies
// them. Nothing here touches the DOM, so it is tested with node alone.

import { mentions } from './links.js';

export const GROUP_WINDOW_MS = 5 * 60 * 1000;
export const LOG_LIMIT = 1500;
const INFO_MERGE_MS = 1500;
const SERVER_VIEW = 's:';
/** What the server answers a join with, after JOINED: the topic and modes are not news then. */
const JOIN_ANSWER = new Set(['who', 'away', 'topic', 'notopic', 'modes']);

export const roomKey = (name) => 'r:' + name.toLowerCase();
export const privKey = (nick) => 'p:' + nick.toLowerCase();
export const same = (a, b) => typeof a === 'string' && typeof b === 'string'
  && a.toLowerCase() === b.toLowerCase();

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

function leftText(nick, reason) {
  if (reason === 'part') {
    return `${nick} left`;
  }
  if (reason === 'quit') {
    return `${nick} quit`;
  }
  return `${nick} left (${reason})`;
}

function parseTime(time, fallback) {
  const date = typeof time === 'string' ? new Date(time) : null;
  return date && !Number.isNaN(date.getTime()) ? date.getTime() : fallback;
}

/** Members sorted as a chat shows them: operators, then voiced, then the rest, by name. */
export function sortMembers(members) {
  const rank = (m) => (m.op ? 0 : m.voice ? 1 : 2);
  return [...members].sort((a, b) => rank(a) - rank(b)
    || a.nick.toLowerCase().localeCompare(b.nick.toLowerCase()));
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

  message(view, { nick, text, kind, id, time, history }) {
    const own = same(nick, this.me);
    const entry = {
      t: 'msg', nick, text, kind: kind || 'text', id, history: Boolean(history), own,
      time: parseTime(time, this.now()),
      mention: !own && view.kind === 'room' && mentions(text, nick, this.me),
    };
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

  // ---- server messages

  /** Applies one server message (after sign-in); returns the effects. */
  apply(msg) {
    const handler = HANDLERS[msg.type];
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

const HANDLERS = {
  server(msg) {
    return this.info(String(msg.text ?? ''));
  },

  ok(msg) {
    const detail = String(msg.detail ?? '');
    switch (msg.what) {
      case 'nick': {
        const first = this.me === null;
        this.me = detail;
        return [{ type: 'me' }, ...(first ? [{ type: 'registered' }] : [])];
      }
      case 'current': {
        this.current = roomKey(detail);
        if (this.pendingView === this.current && this.views.has(this.current)) {
          this.pendingView = null;
          return this.setActive(this.current);
        }
        return [];
      }
      case 'away':
        if (this.me) {
          if (/back/i.test(detail)) {
            this.away.delete(this.me.toLowerCase());
          } else {
            this.away.set(this.me.toLowerCase(), detail.replace(/^You are away:\s*/, ''));
          }
        }
        return [...this.info(detail), { type: 'members', key: this.active }];
      case 'pass':
        return [];
      case 'quit':
        return [{ type: 'quit' }];
      default:
        return this.info(detail);
    }
  },

  error(msg) {
    this.pendingView = null;
    return this.info(String(msg.text || msg.code), 'error');
  },

  msg(msg) {
    const view = this.ensureRoom(msg.room);
    if (typeof msg.id === 'number') {
      if (view.seen.has(msg.id)) {
        return [];
      }
      view.seen.add(msg.id);
    }
    if (msg.history && !view.joined) {
      view.historyAdded += 1;
    }
    const effects = this.message(view, msg);
    return this.views.size === 1 || !view.joined ? [{ type: 'views' }, ...effects] : effects;
  },

  topic(msg) {
    const view = this.ensureRoom(msg.room);
    const topic = { text: msg.text, nick: msg.nick, time: msg.time };
    if (msg.history) {
      return this.note(view, `${msg.nick} set the topic: ${msg.text}`);
    }
    const old = view.topic;
    const answer = this.inJoinAnswer(view, true);
    view.topic = topic;
    const effects = [{ type: 'topic', key: view.key }];
    if (answer) {
      return effects;
    }
    if (old && old.text === topic.text && old.nick === topic.nick && old.time === topic.time) {
      effects.push(...this.info(`Topic of ${view.name}: ${topic.text} (set by ${topic.nick})`));
    } else {
      effects.push(...this.note(view, `${msg.nick} changed the topic to: ${msg.text}`));
    }
    return effects;
  },

  notopic(msg) {
    const view = this.ensureRoom(msg.room);
    if (msg.history) {
      return this.note(view, `${msg.nick} cleared the topic`);
    }
    view.topic = null;
    const effects = [{ type: 'topic', key: view.key }];
    if (this.inJoinAnswer(view, true)) {
      return effects;
    }
    if (msg.nick) {
      effects.push(...this.note(view, `${msg.nick} cleared the topic`));
    } else {
      effects.push(...this.info(`${view.name} has no topic`));
    }
    return effects;
  },

  joined(msg) {
    const view = this.ensureRoom(msg.room);
    if (same(msg.nick, this.me)) {
      view.name = msg.room;
      const rejoin = view.everJoined;
      view.joined = true;
      view.everJoined = true;
      this.current = view.key;
      const effects = [{ type: 'views' }];
      if (view.historyAdded > 0) {
        effects.push(...this.append(view, { t: 'marker' }));
      }
      view.historyAdded = 0;
      if (!rejoin) {
        effects.push(...this.event(view, `You joined ${view.name}`));
      }
      if (this.pendingView === view.key || this.active === null
          || this.active === SERVER_VIEW) {
        if (this.pendingView === view.key) {
          this.pendingView = null;
        }
        effects.push(...this.setActive(view.key));
      }
      return effects;
    }
    if (!view.members.some((m) => same(m.nick, msg.nick))) {
      view.members.push({ nick: msg.nick, op: false, voice: false });
    }
    return [...this.event(view, `${msg.nick} joined`), { type: 'members', key: view.key }];
  },

  left(msg) {
    const key = roomKey(msg.room);
    const view = this.views.get(key);
    if (!view) {
      return [];
    }
    if (same(msg.nick, this.me)) {
      if (this.current === key) {
        this.current = null;
      }
      return this.removeView(key);
    }
    view.members = view.members.filter((m) => !same(m.nick, msg.nick));
    return [...this.event(view, leftText(msg.nick, msg.reason)), { type: 'members', key }];
  },

  renamed(msg) {
    const view = this.ensureRoom(msg.room);
    const effects = [];
    for (const member of view.members) {
      if (same(member.nick, msg.old)) {
        member.nick = msg.new;
      }
    }
    if (same(msg.old, this.me)) {
      this.me = msg.new;
      effects.push({ type: 'me' });
    }
    const away = this.away.get(msg.old.toLowerCase());
    if (away !== undefined && !same(msg.old, msg.new)) {
      this.away.delete(msg.old.toLowerCase());
      this.away.set(msg.new.toLowerCase(), away);
    }
    const conversation = this.views.get(privKey(msg.old));
    if (conversation && !this.views.has(privKey(msg.new))) {
      this.views.delete(conversation.key);
      conversation.key = privKey(msg.new);
      conversation.name = msg.new;
      this.views.set(conversation.key, conversation);
      if (this.active === privKey(msg.old)) {
        this.active = conversation.key;
      }
      effects.push({ type: 'views' });
    } else if (conversation && same(msg.old, msg.new)) {
      conversation.name = msg.new;
      effects.push({ type: 'views' });
    }
    return [...effects, ...this.event(view, `${msg.old} is now known as ${msg.new}`),
      { type: 'members', key: view.key }];
  },

  priv(msg) {
    const own = same(msg.from, this.me);
    const other = own ? msg.to : msg.from;
    const existed = this.views.has(privKey(other));
    const view = this.ensurePriv(other);
    const effects = this.message(view, { nick: msg.from, text: msg.text, kind: msg.kind });
    if (!existed) {
      effects.unshift({ type: 'views' });
    }
    if (own && this.pendingView === view.key) {
      this.pendingView = null;
      effects.push(...this.setActive(view.key));
    }
    return effects;
  },

  who(msg) {
    const key = roomKey(msg.room);
    const view = this.views.get(key);
    const members = Array.isArray(msg.members) ? msg.members : [];
    const asked = this.loudWho > 0;
    if (asked) {
      this.loudWho -= 1;
    }
    if (!view || !view.joined || asked) {
      const names = sortMembers(members)
        .map((m) => (m.op ? '@' : '') + (m.voice ? '+' : '') + m.nick);
      const shown = this.info(`In ${msg.room}: ${names.join(' ') || 'nobody'}`);
      return view && view.joined ? [...this.setMembers(view, members), ...shown] : shown;
    }
    return this.setMembers(view, members);
  },

  away(msg) {
    this.away.set(String(msg.nick).toLowerCase(), String(msg.message ?? ''));
    const effects = [{ type: 'members', key: this.active }];
    if (this.lastType === 'whois') {
      effects.push(...this.info(`${msg.nick} is away: ${msg.message}`));
    }
    return effects;
  },

  mode(msg) {
    const view = this.ensureRoom(msg.room);
    return [...this.event(view, `${msg.nick} set mode ${msg.changes}`),
      { type: 'send', message: { type: 'who', room: view.name } }];
  },

  modes(msg) {
    const view = this.views.get(roomKey(msg.room));
    if (view) {
      view.modes = msg.modes;
    }
    if (view && view.joined && this.inJoinAnswer(view, false)) {
      return [{ type: 'topic', key: view.key }];
    }
    return [...this.info(`Modes of ${msg.room}: ${msg.modes}`),
      ...(view ? [{ type: 'topic', key: view.key }] : [])];
  },

  kicked(msg) {
    const key = roomKey(msg.room);
    const view = this.views.get(key);
    if (!view) {
      return [];
    }
    const why = msg.reason ? ` (${msg.reason})` : '';
    if (same(msg.nick, this.me)) {
      view.joined = false;
      view.members = [];
      if (this.current === key) {
        this.current = null;
      }
      return [...this.note(view, `You were kicked out of ${view.name} by ${msg.by}${why}`),
        { type: 'views' }, { type: 'members', key }, { type: 'topic', key }];
    }
    view.members = view.members.filter((m) => !same(m.nick, msg.nick));
    return [...this.note(view, `${msg.by} kicked ${msg.nick}${why}`), { type: 'members', key }];
  },

  invited(msg) {
    const entry = { t: 'info', text: `${msg.by} invites you to ${msg.room}` };
    return [...this.info(`${msg.by} invites you to ${msg.room}: /join ${msg.room}`),
      { type: 'alert', key: this.active, entry: { nick: msg.by, text: entry.text, kind: 'notice' } }];
  },

  'list-entry'(msg) {
    const list = { b: 'Ban', e: 'Ban exception', I: 'Invite exception' }[msg.list] || msg.list;
    return this.info(`${list} in ${msg.room}: ${msg.mask} (set by ${msg.by})`);
  },

  'list-end'(msg) {
    const list = { b: 'bans', e: 'ban exceptions', I: 'invite exceptions' }[msg.list] || msg.list;
    return this.info(`End of ${list} in ${msg.room}`);
  },

  'end-history'(msg) {
    return this.info(msg.count > 0
      ? `${msg.count} earlier messages of ${msg.room} above; /history before ${msg.oldest} for more`
      : `No earlier messages in ${msg.room}`);
  },

  rooms(msg) {
    const rooms = Array.isArray(msg.rooms) ? msg.rooms : [];
    this.knownRooms = rooms.map((r) => r.name);
    const effects = [{ type: 'known-rooms' }];
    if (this.quietRooms > 0) {
      this.quietRooms -= 1;
      return effects;
    }
    const text = rooms.map((r) => `${r.name} (${r.members})`).join(', ');
    return [...effects, ...this.info(`Rooms: ${text || 'none'}`)];
  },

  room(msg) {
    return this.info(`${msg.name} (${msg.members})${msg.topic ? ': ' + msg.topic : ''}`);
  },

  whois(msg) {
    const rooms = Array.isArray(msg.rooms) && msg.rooms.length ? msg.rooms.join(', ') : 'no rooms';
    const oper = msg.operator ? ', server operator' : '';
    return this.info(`${msg.nick} (${msg.realName}) uses ${msg.protocol}${oper}; in ${rooms}`);
  },

  oper(msg) {
    return this.info(`${msg.text} (${msg.name})`);
  },

  wallops(msg) {
    return this.info(`Notice to everyone from ${msg.nick}: ${msg.text}`);
  },

  serverban(msg) {
    return this.info(`Server ban on ${msg.mask} by ${msg.by}: ${msg.reason}`);
  },
};
