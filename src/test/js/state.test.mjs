import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatState, titleFor, continues, sortMembers, roomKey, privKey }
  from '../../main/resources/web/assets/state.js';

const T0 = Date.parse('2026-12-06T10:00:00.000Z');

function signedIn(nick = 'carol') {
  let now = T0;
  const state = new ChatState({ now: () => now });
  state.tick = (ms) => { now += ms; };
  state.apply({ type: 'ok', what: 'nick', detail: nick });
  state.apply({ type: 'joined', room: 'lobby', nick });
  state.apply({ type: 'who', room: 'lobby', members: [
    { nick: 'alice', op: true, voice: false }, { nick, op: false, voice: false }] });
  return state;
}

const msg = (nick, text, time, extra = {}) => ({
  type: 'msg', room: 'lobby', nick, text, kind: 'text', id: Math.floor(Math.random() * 1e9),
  time: new Date(time).toISOString(), ...extra });

const entries = (state, key = 'r:lobby') => state.views.get(key).log;
const messages = (state, key) => entries(state, key).filter((e) => e.t === 'msg');

test('joining the default room makes it the viewed and current room', () => {
  const state = signedIn();
  assert.equal(state.active, 'r:lobby');
  assert.equal(state.current, 'r:lobby');
  assert.equal(state.views.get('r:lobby').members.length, 2);
});

test('a room asked for before the default room\'s join is still shown once joined', () => {
  const state = new ChatState({ now: () => T0 });
  state.apply({ type: 'ok', what: 'nick', detail: 'carol' });
  state.pendingView = roomKey('games');
  state.apply({ type: 'joined', room: 'lobby', nick: 'carol' });
  assert.equal(state.active, 'r:lobby');
  state.apply({ type: 'joined', room: 'games', nick: 'carol' });
  assert.equal(state.active, 'r:games');
});

test('consecutive messages of one sender within five minutes share a header', () => {
  const state = signedIn();
  state.apply(msg('alice', 'one', T0));
  state.apply(msg('alice', 'two', T0 + 60_000));
  state.apply(msg('alice', 'three', T0 + 60_000 + 5 * 60_000));
  state.apply(msg('bob', 'four', T0 + 7 * 60_000));
  state.apply(msg('bob', 'five', T0 + 7 * 60_000, { kind: 'action' }));
  assert.deepEqual(messages(state).map((e) => e.continued), [false, true, false, false, false]);
});

test('continues() needs the same sender in any case and plain text', () => {
  const a = { t: 'msg', nick: 'Alice', kind: 'text', time: 0, history: false };
  assert.ok(continues(a, { ...a, nick: 'alice', time: 1000 }));
  assert.ok(!continues(a, { ...a, kind: 'notice', time: 1000 }));
  assert.ok(!continues({ t: 'events' }, a));
});

test('messages in other views count as unread, mentions apart, and the title shows them', () => {
  const state = signedIn();
  state.apply({ type: 'joined', room: 'games', nick: 'carol' });
  assert.equal(state.active, 'r:lobby');
  state.apply(msg('alice', 'in games', T0, { room: 'games' }));
  state.apply(msg('alice', 'carol: look', T0, { room: 'games' }));
  const games = state.views.get('r:games');
  assert.equal(games.unread, 2);
  assert.equal(games.mentions, 1);
  assert.equal(titleFor(state.totalUnread()), '(2) Lochat');
  state.setActive('r:games');
  assert.equal(games.unread, 0);
  assert.equal(titleFor(state.totalUnread()), 'Lochat');
});

test('one\'s own messages and history are never unread', () => {
  const state = signedIn();
  state.apply({ type: 'joined', room: 'games', nick: 'carol' });
  state.setActive('r:lobby');
  state.apply(msg('carol', 'mine', T0, { room: 'games' }));
  state.apply(msg('alice', 'old', T0, { room: 'games', history: true }));
  assert.equal(state.views.get('r:games').unread, 0);
});

test('while the page is hidden, messages in the viewed room count too', () => {
  const state = signedIn();
  state.setHidden(true);
  state.apply(msg('alice', 'hello', T0));
  assert.equal(state.totalUnread(), 1);
  state.setHidden(false);
  assert.equal(state.totalUnread(), 0);
});

test('a mention of the nick is marked and alerts; one\'s own words are not', () => {
  const state = signedIn();
  const effects = state.apply(msg('alice', 'hi CAROL!', T0));
  assert.equal(messages(state)[0].mention, true);
  assert.ok(effects.some((e) => e.type === 'alert'));
  state.apply(msg('carol', 'I am carol', T0));
  assert.equal(messages(state)[1].mention, false);
});

test('history before one\'s join is followed by a marker where live messages start', () => {
  const state = signedIn();
  state.apply(msg('alice', 'old one', T0, { room: 'games', history: true, id: 1 }));
  state.apply(msg('alice', 'old two', T0, { room: 'games', history: true, id: 2 }));
  state.apply({ type: 'joined', room: 'games', nick: 'carol' });
  state.apply(msg('alice', 'live', T0, { room: 'games', id: 3 }));
  const kinds = entries(state, 'r:games').map((e) => e.t);
  assert.deepEqual(kinds.filter((k) => k !== 'day'), ['msg', 'msg', 'marker', 'events', 'msg']);
});

test('history seen before is not shown twice when joining again after a reconnect', () => {
  const state = signedIn();
  state.apply(msg('alice', 'one', T0, { id: 7 }));
  assert.deepEqual(state.disconnected(), ['lobby']);
  state.apply(msg('alice', 'one', T0, { id: 7, history: true }));
  state.apply(msg('alice', 'missed', T0, { id: 8, history: true }));
  state.apply({ type: 'joined', room: 'lobby', nick: 'carol' });
  assert.deepEqual(messages(state).map((e) => e.text), ['one', 'missed']);
  assert.ok(state.views.get('r:lobby').joined);
});

test('joins, leaves and renames fold into one quiet entry and keep the members right', () => {
  const state = signedIn();
  state.apply({ type: 'joined', room: 'lobby', nick: 'bob' });
  state.apply({ type: 'renamed', room: 'lobby', old: 'bob', new: 'robert' });
  state.apply({ type: 'left', room: 'lobby', nick: 'alice', reason: 'quit: bye' });
  const folded = entries(state).filter((e) => e.t === 'events');
  assert.equal(folded.length, 1);
  assert.deepEqual(folded[0].items.slice(1),
    ['bob joined', 'bob is now known as robert', 'alice left (quit: bye)']);
  assert.deepEqual(state.views.get('r:lobby').members.map((m) => m.nick), ['carol', 'robert']);
  state.apply(msg('robert', 'hi', T0));
  state.apply({ type: 'joined', room: 'lobby', nick: 'dave' });
  assert.equal(entries(state).filter((e) => e.t === 'events').length, 2);
});

test('leaving a room removes it and shows another', () => {
  const state = signedIn();
  state.apply({ type: 'joined', room: 'games', nick: 'carol' });
  state.setActive('r:games');
  state.apply({ type: 'left', room: 'games', nick: 'carol', reason: 'part' });
  assert.ok(!state.views.has('r:games'));
  assert.equal(state.active, 'r:lobby');
});

test('switching to a room makes it the server\'s current room by joining it once', () => {
  const state = signedIn();
  state.apply({ type: 'joined', room: 'games', nick: 'carol' });
  assert.equal(state.current, 'r:games');
  const effects = state.setActive('r:lobby');
  assert.deepEqual(effects.filter((e) => e.type === 'send').map((e) => e.message),
    [{ type: 'join', room: 'lobby' }, { type: 'who', room: 'lobby' }]);
  assert.deepEqual(state.ensureCurrent(), []);
  const answer = state.apply({ type: 'ok', what: 'current', detail: 'lobby' });
  assert.ok(!answer.some((e) => e.type === 'append'));
});

test('a private message opens a conversation of its own, from either side', () => {
  const state = signedIn();
  state.apply({ type: 'priv', from: 'alice', to: 'carol', text: 'psst', kind: 'text' });
  state.apply({ type: 'priv', from: 'carol', to: 'Alice', text: 'yes?', kind: 'text' });
  const conversation = state.views.get(privKey('alice'));
  assert.equal(conversation.kind, 'priv');
  assert.deepEqual(conversation.log.filter((e) => e.t === 'msg').map((e) => e.text), ['psst', 'yes?']);
  assert.equal(conversation.unread, 1);
  assert.deepEqual(state.ordered().map((v) => v.key), ['r:lobby', 'p:alice']);
});

test('who and away give the members, operators first, with their away messages', () => {
  const state = signedIn();
  state.apply({ type: 'who', room: 'lobby', members: [{ nick: 'zed', op: false, voice: true },
    { nick: 'carol', op: false, voice: false }, { nick: 'amy', op: true, voice: false }] });
  state.apply({ type: 'away', nick: 'zed', message: 'lunch' });
  const sorted = sortMembers(state.views.get('r:lobby').members).map((m) => m.nick);
  assert.deepEqual(sorted, ['amy', 'zed', 'carol']);
  assert.equal(state.away.get('zed'), 'lunch');
  state.apply({ type: 'who', room: 'lobby', members: [{ nick: 'zed', op: false, voice: false }] });
  assert.equal(state.away.has('zed'), false);
});

test('a mode change asks the server for the members again', () => {
  const state = signedIn();
  const effects = state.apply({ type: 'mode', room: 'lobby', nick: 'alice', changes: '+o bob' });
  assert.deepEqual(effects.filter((e) => e.type === 'send').map((e) => e.message),
    [{ type: 'who', room: 'lobby' }]);
});

test('the topic on joining sets the bar quietly; a change is shown', () => {
  const state = signedIn();
  state.apply({ type: 'joined', room: 'games', nick: 'carol' });
  state.apply({ type: 'who', room: 'games', members: [{ nick: 'carol', op: true, voice: false }] });
  state.apply({ type: 'topic', room: 'games', nick: 'alice', time: '2026-12-01T00:00:00.000Z', text: 'chess' });
  const view = state.views.get(roomKey('games'));
  assert.equal(view.topic.text, 'chess');
  assert.equal(view.log.filter((e) => e.t === 'note').length, 0);
  state.apply({ type: 'topic', room: 'games', nick: 'bob', time: '2026-12-06T10:00:00.000Z', text: 'go' });
  assert.deepEqual(view.log.filter((e) => e.t === 'note').map((e) => e.text),
    ['bob changed the topic to: go']);
  state.apply({ type: 'who', room: 'games', members: [{ nick: 'carol', op: true, voice: false }] });
  state.apply({ type: 'topic', room: 'games', nick: 'carol', time: '2026-12-06T10:01:00.000Z', text: 'stop' });
  assert.equal(view.log.filter((e) => e.t === 'note').length, 2, 'a change after /who is news');
});

test('server replies and errors are shown in the viewed conversation, a burst as one block', () => {
  const state = signedIn();
  state.apply({ type: 'server', text: 'Commands:' });
  state.apply({ type: 'server', text: '  /me ACTION' });
  state.apply({ type: 'error', code: 'no-such-user', text: 'Nobody called zed is online' });
  const infos = entries(state).filter((e) => e.t === 'info');
  assert.deepEqual(infos.map((e) => [e.level, e.lines]),
    [['info', ['Commands:', '  /me ACTION']], ['error', ['Nobody called zed is online']]]);
});

test('joining again shows the topic quietly, as the first time', () => {
  const state = signedIn();
  const topic = { type: 'topic', room: 'lobby', nick: 'alice', time: '2026-12-01T00:00:00.000Z', text: 'hi' };
  state.apply({ type: 'joined', room: 'lobby', nick: 'carol' });
  state.apply(topic);
  state.apply({ type: 'kicked', room: 'lobby', by: 'alice', nick: 'carol', reason: '' });
  state.apply({ type: 'joined', room: 'lobby', nick: 'carol' });
  state.apply({ type: 'who', room: 'lobby', members: [] });
  state.apply(topic);
  assert.equal(entries(state).filter((e) => e.t === 'info').length, 0);
  state.apply(topic);
  assert.equal(entries(state).filter((e) => e.t === 'info').length, 1, '/topic is answered');
});

test('being kicked keeps the room, marked as left', () => {
  const state = signedIn();
  state.apply({ type: 'kicked', room: 'lobby', by: 'alice', nick: 'carol', reason: 'spam' });
  const view = state.views.get('r:lobby');
  assert.equal(view.joined, false);
  assert.ok(view.log.some((e) => e.t === 'note' && /kicked out of lobby by alice \(spam\)/.test(e.text)));
});

test('renaming oneself changes the nick; a partner\'s rename moves the conversation', () => {
  const state = signedIn();
  state.apply({ type: 'priv', from: 'alice', to: 'carol', text: 'hi', kind: 'text' });
  state.apply({ type: 'renamed', room: 'lobby', old: 'alice', new: 'ally' });
  assert.ok(state.views.has('p:ally') && !state.views.has('p:alice'));
  state.apply({ type: 'renamed', room: 'lobby', old: 'carol', new: 'caz' });
  assert.equal(state.me, 'caz');
});

test('the log is bounded', () => {
  const state = signedIn();
  for (let i = 0; i < 1600; i++) {
    state.apply(msg('alice', 'm' + i, T0, { id: i }));
  }
  assert.equal(entries(state).length, 1500);
});

test('earlier messages asked for go above what is shown, and the end of history is noticed', () => {
  const state = signedIn();
  state.apply(msg('alice', 'newest', T0, { id: 50 }));
  const asked = state.requestOlder(2);
  assert.deepEqual(asked.filter((e) => e.type === 'send').map((e) => e.message),
    [{ type: 'history', before: 50, count: 2 }]);
  assert.deepEqual(state.requestOlder(2), [], 'one page at a time');
  state.apply(msg('alice', 'older one', T0 - 60_000, { id: 40, history: true }));
  state.apply(msg('alice', 'older two', T0 - 30_000, { id: 41, history: true }));
  const effects = state.apply({ type: 'end-history', room: 'lobby', count: 2, oldest: 40 });
  assert.ok(effects.some((e) => e.type === 'prepend' && e.entries.length === 2));
  assert.deepEqual(messages(state).map((e) => [e.text, e.continued]),
    [['older one', false], ['older two', true], ['newest', false]]);
  assert.equal(state.views.get('r:lobby').noMoreHistory, undefined, 'a full page: maybe more');
  state.requestOlder(2);
  state.apply(msg('alice', 'oldest', T0 - 90_000, { id: 39, history: true }));
  state.apply({ type: 'end-history', room: 'lobby', count: 1, oldest: 39 });
  assert.equal(state.views.get('r:lobby').noMoreHistory, true, 'a short page is the last');
  assert.deepEqual(state.requestOlder(2), []);
});
