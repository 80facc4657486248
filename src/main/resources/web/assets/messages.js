// What each server message does to the chat state: one handler per message type of Part III
// of docs/protocol.md, called with the ChatState as this, returning the effects. Pure: no DOM.

import { roomKey, privKey, same, sortMembers, SERVER_VIEW } from './names.js';

// Most post ids a view remembers, to drop a post it already shows (after a rejoin).
const SEEN_LIMIT = 3000;

function leftText(nick, reason) {
  if (reason === 'part') {
    return `${nick} left`;
  }
  if (reason === 'quit') {
    return `${nick} quit`;
  }
  return `${nick} left (${reason})`;
}

export const SERVER_MESSAGES = {
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
          // The server answers "You are away: MESSAGE", or "You are back".
          const away = /^You are away:\s*/.exec(detail);
          if (away) {
            this.away.set(this.me.toLowerCase(), detail.slice(away[0].length));
          } else {
            this.away.delete(this.me.toLowerCase());
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
      if (view.seen.size > SEEN_LIMIT) {
        // The first kept was seen longest ago; a rejoin's history replays only recent posts.
        view.seen.delete(view.seen.values().next().value);
      }
      view.oldestId = Math.min(view.oldestId || Infinity, msg.id);
    }
    if (msg.history && view.loadingOlder) {
      view.olderBatch.push(this.messageEntry(view, msg));
      return [];
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
      return this.historyNote(view, `${msg.nick} set the topic: ${msg.text}`);
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

  // A topic change from the room's history: into the earlier messages being loaded, if any.
  historyNote(view, text) {
    if (view.loadingOlder) {
      view.olderBatch.push({ t: 'note', text });
      return [];
    }
    return this.note(view, text);
  },

  notopic(msg) {
    const view = this.ensureRoom(msg.room);
    if (msg.history) {
      return this.historyNote(view, `${msg.nick} cleared the topic`);
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
    const text = same(msg.new, this.me) ? `You are now known as ${msg.new}`
      : `${msg.old} is now known as ${msg.new}`;
    return [...effects, ...this.event(view, text),
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
    const view = this.views.get(roomKey(msg.room));
    if (view && msg.oldest > 0) {
      view.oldestId = Math.min(view.oldestId || Infinity, msg.oldest);
    }
    if (view && view.loadingOlder) {
      return this.prependOlder(view, msg.count);
    }
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
