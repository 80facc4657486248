import { test } from 'node:test';
import assert from 'node:assert/strict';
import { socketUrl, socketCandidates, backoffDelay, keepAlive, Connection, CONNECT_TIMEOUT_MS }
  from '../../main/resources/web/assets/protocol.js';

test('the socket address follows the page: ws for http, wss for https, path /ws', () => {
  assert.equal(socketUrl({ protocol: 'http:', host: '192.168.1.7:8080' }), 'ws://192.168.1.7:8080/ws');
  assert.equal(socketUrl({ protocol: 'https:', host: 'chat.lan' }), 'wss://chat.lan/ws');
});

test('backoff starts at about 1 s, doubles, and stays at or under 30 s', () => {
  const middle = () => 0.5;
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 20].map((n) => backoffDelay(n, middle)),
    [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  assert.equal(backoffDelay(0, () => 0), 800);
  assert.equal(backoffDelay(0, () => 1), 1200);
  assert.equal(backoffDelay(10, () => 1), 30000);
});

test('keep-alive pings after 45 s of silence and gives up 15 s after an unanswered ping', () => {
  assert.equal(keepAlive(44_000, 0, null), null);
  assert.equal(keepAlive(45_000, 0, null), 'ping');
  assert.equal(keepAlive(50_000, 0, 45_000), null);
  assert.equal(keepAlive(60_000, 0, 45_000), 'dead');
  assert.equal(keepAlive(60_000, 46_000, 45_000), null);
});

class FakeSocket {
  static all = [];
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    FakeSocket.all.push(this);
  }
  send(text) { this.sent.push(JSON.parse(text)); }
  close() { this.readyState = 3; }
  open() { this.readyState = 1; this.onopen(); }
  receive(message) { this.onmessage({ data: JSON.stringify(message) }); }
  drop() { this.readyState = 3; this.onclose({ code: 1006, reason: '' }); }
  block() { this.readyState = 3; this.onerror(); }
}

function fakeTimers() {
  const timers = { now: 0, queue: [], id: 0 };
  timers.setTimeout = (fn, ms) => { timers.queue.push({ id: ++timers.id, at: timers.now + ms, fn }); return timers.id; };
  timers.clearTimeout = (id) => { timers.queue = timers.queue.filter((t) => t.id !== id); };
  timers.setInterval = () => 0;
  timers.clearInterval = () => {};
  timers.runNext = () => {
    timers.queue.sort((a, b) => a.at - b.at);
    const next = timers.queue.shift();
    timers.now = next.at;
    next.fn();
    return next.at;
  };
  return timers;
}

/** A Connection to url over FakeSockets (the list emptied) and fake timers. */
function fakeConnection(url) {
  FakeSocket.all = [];
  const timers = fakeTimers();
  const connection = new Connection(url, { WebSocketImpl: FakeSocket, timers,
    clock: { now: () => timers.now }, random: () => 0.5 });
  return { connection, timers };
}

test('the connection answers pings, passes messages on and reconnects with growing waits', () => {
  const { connection, timers } = fakeConnection('ws://x/ws');
  const received = [];
  const statuses = [];
  connection.on('message', (m) => received.push(m));
  connection.on('status', (s) => statuses.push(s.state));
  connection.start();
  const first = FakeSocket.all[0];
  first.open();
  first.receive({ type: 'ping', token: 't1' });
  first.receive({ type: 'server', text: 'hi' });
  first.onmessage({ data: 'not json' });
  first.receive({ type: 'joined', room: 'a', nick: 'b' });
  first.receive([{ type: 'server', text: 'not an object' }]);
  first.receive({ type: 'ping', token: 't2' });
  first.receive({ type: 'server', text: 'two' });
  assert.deepEqual(first.sent, [{ type: 'pong', token: 't1' }, { type: 'pong', token: 't2' }]);
  assert.deepEqual(received, [{ type: 'server', text: 'hi' },
    { type: 'joined', room: 'a', nick: 'b' }, { type: 'server', text: 'two' }]);
  first.drop();
  assert.equal(timers.runNext(), 1000);
  FakeSocket.all[1].drop();
  assert.equal(timers.runNext(), 3000);
  assert.equal(FakeSocket.all.length, 3);
  assert.deepEqual(statuses.slice(0, 3), ['connecting', 'open', 'waiting']);
  connection.stop();
  assert.equal(timers.queue.length, 0);
});

test('the other nodes are tried after the own server, wss only from an https page', () => {
  const nodes = [{ page: 'https://10.0.0.8:8443/', socket: 'wss://10.0.0.8:8443/ws' },
    { page: 'http://10.0.0.8:8080/', socket: 'ws://10.0.0.8:8080/ws' },
    { page: 'http://10.0.0.9:8080/', socket: 'ws://10.0.0.9:8080/ws' }, { page: 'x' }, null];
  assert.deepEqual(socketCandidates('ws://10.0.0.7:8080/ws', nodes), ['ws://10.0.0.7:8080/ws',
    'ws://10.0.0.8:8080/ws', 'ws://10.0.0.9:8080/ws', 'wss://10.0.0.8:8443/ws']);
  assert.deepEqual(socketCandidates('wss://10.0.0.7:8443/ws', nodes),
    ['wss://10.0.0.7:8443/ws', 'wss://10.0.0.8:8443/ws']);
  assert.deepEqual(socketCandidates('ws://a/ws', undefined), ['ws://a/ws']);
});

test('when its own server does not answer, the connection tries the other nodes in turn', () => {
  const { connection, timers } = fakeConnection('ws://own/ws');
  const tried = [];
  connection.on('status', (s) => { if (s.state === 'connecting') tried.push([s.url, s.own]); });
  connection.start();
  FakeSocket.all[0].open();
  connection.setCandidates(['ws://own/ws', 'ws://b/ws', 'ws://c/ws']);
  FakeSocket.all[0].drop();
  timers.runNext();
  FakeSocket.all[1].drop();
  timers.runNext();
  FakeSocket.all[2].drop();
  timers.runNext();
  FakeSocket.all[3].open();
  FakeSocket.all[3].drop();
  timers.runNext();
  assert.deepEqual(tried, [['ws://own/ws', true], ['ws://own/ws', true], ['ws://b/ws', false],
    ['ws://c/ws', false], ['ws://c/ws', false]],
    'the server that answered is tried first again after it drops');
  connection.setCandidates(['ws://own/ws', 'ws://b/ws']);
  FakeSocket.all[4].drop();
  timers.runNext();
  assert.deepEqual(tried.at(-1), ['ws://b/ws', false], 'a node gone from the list is not tried');
  connection.stop();
});

test('a server that neither answers nor refuses is given up after 10 s for the next node', () => {
  const { connection, timers } = fakeConnection('ws://own/ws');
  const closes = [];
  connection.on('close', (c) => closes.push(c.reason));
  connection.start();
  FakeSocket.all[0].open();
  connection.setCandidates(['ws://own/ws', 'ws://b/ws']);
  assert.equal(timers.queue.length, 0, 'no timeout once open');
  FakeSocket.all[0].drop();
  timers.runNext();
  const silent = FakeSocket.all[1];
  assert.equal(timers.runNext(), 1000 + CONNECT_TIMEOUT_MS);
  assert.equal(silent.readyState, 3, 'closed');
  assert.equal(silent.onclose, null, 'and forgotten');
  assert.deepEqual(closes, ['', 'no answer']);
  timers.runNext();
  assert.equal(FakeSocket.all[2].url, 'ws://b/ws');
  connection.stop();
  assert.equal(timers.queue.length, 0);
});

test('a socket the browser would not open, which errs without a close, counts as not answering', () => {
  const { connection, timers } = fakeConnection('ws://own/ws');
  const statuses = [];
  connection.on('status', (s) => statuses.push(s.state));
  connection.setCandidates(['ws://own/ws', 'ws://b/ws']);
  connection.start();
  FakeSocket.all[0].block();
  assert.deepEqual(statuses, ['connecting', 'waiting']);
  timers.runNext();
  assert.equal(FakeSocket.all[1].url, 'ws://b/ws');
  connection.stop();
});
