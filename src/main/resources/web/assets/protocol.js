// The WebSocket connection to the server: opening it, reading and writing one JSON message
// per frame, answering the server's pings, noticing a dead connection, and reconnecting with
// exponential backoff: to the page's own server, and, when that does not answer (within 10 s,
// as the terminal client), to the other nodes of its cluster, in turn. It knows nothing of
// sign-in or chat; it emits what the server says.

export const BACKOFF_FIRST_MS = 1000;
export const BACKOFF_MAX_MS = 30000;
export const IDLE_BEFORE_PING_MS = 45000;
export const PING_ANSWER_MS = 15000;
export const CONNECT_TIMEOUT_MS = 10000;

/** The chat WebSocket's address for the page at location: same host, ws or wss, path /ws. */
export function socketUrl(location) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return scheme + '//' + location.host + '/ws';
}

/**
 * The chat WebSockets to try, own first: own, then the other nodes' of a 'nodes' message that
 * this page may open (an https page only wss ones, as browsers refuse ws from it), each once.
 */
export function socketCandidates(own, nodes) {
  const secure = own.startsWith('wss:');
  const others = (Array.isArray(nodes) ? nodes : [])
    .map((node) => (node && typeof node.socket === 'string' ? node.socket : ''))
    .filter((url) => url.startsWith('wss://') || (!secure && url.startsWith('ws://')))
    .sort((a, b) => Number(a.startsWith('wss:')) - Number(b.startsWith('wss:')));
  return [...new Set([own, ...others])];
}

/** The wait before reconnect attempt number attempt (0 first): 1 s doubling to 30 s, jittered. */
export function backoffDelay(attempt, random = Math.random) {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.min(attempt, 15));
  const jittered = base * (0.8 + 0.4 * random());
  return Math.round(Math.min(BACKOFF_MAX_MS, jittered));
}

/**
 * What keep-alive calls for at time now: 'ping' after 45 s without a word from the server,
 * 'dead' when a ping of ours has been unanswered (by anything) for 15 s, else null.
 */
export function keepAlive(now, lastHeard, pingSentAt) {
  if (pingSentAt !== null && pingSentAt >= lastHeard && now - pingSentAt >= PING_ANSWER_MS) {
    return 'dead';
  }
  if ((pingSentAt === null || pingSentAt < lastHeard) && now - lastHeard >= IDLE_BEFORE_PING_MS) {
    return 'ping';
  }
  return null;
}

/**
 * One chat connection, reopened after it drops for as long as wanted. Events, by on(name, fn):
 * 'status' {state: 'connecting'|'open'|'waiting'|'closed', delay}, 'open', 'message' (a parsed
 * server message; pings are answered here and not passed on), 'close' {code, reason}.
 */
export class Connection {
  constructor(url, { WebSocketImpl = globalThis.WebSocket, clock = Date, timers = globalThis,
    random = Math.random } = {}) {
    this.url = url;
    this.WebSocketImpl = WebSocketImpl;
    this.clock = clock;
    this.timers = timers;
    this.random = random;
    this.handlers = new Map();
    this.urls = [url];
    this.next = 0;
    this.opened = false;
    this.socket = null;
    this.attempt = 0;
    this.wanted = false;
    this.retryTimer = null;
    this.keepAliveTimer = null;
    this.connectTimer = null;
    this.retryAt = null;
    this.lastHeard = 0;
    this.pingSentAt = null;
    this.pingCounter = 0;
  }

  on(name, handler) {
    if (!this.handlers.has(name)) {
      this.handlers.set(name, []);
    }
    this.handlers.get(name).push(handler);
  }

  emit(name, value) {
    for (const handler of this.handlers.get(name) || []) {
      handler(value);
    }
  }

  /** Opens the connection, and keeps reopening it after drops until stop(). */
  start() {
    this.wanted = true;
    this.attempt = 0;
    this.clearRetry();
    if (!this.socket) {
      this.open();
    }
  }

  /** Closes the connection for good (until start()). */
  stop() {
    this.wanted = false;
    this.clearRetry();
    if (this.socket) {
      this.socket.close(1000);
      this.detach();
    }
    this.emit('status', { state: 'closed' });
  }

  /**
   * Where to go when the server does not answer, besides the page's own: the addresses of
   * socketCandidates, tried in turn after it.
   */
  setCandidates(urls) {
    const current = this.urls[this.next % this.urls.length];
    this.urls = urls.length ? urls : [this.url];
    this.next = Math.max(0, this.urls.indexOf(current));
  }

  /** Signed in: the next drop starts the backoff afresh at 1 s. */
  resetBackoff() {
    this.attempt = 0;
  }

  /** Reconnect now instead of waiting for the backoff. */
  retryNow() {
    if (this.wanted && !this.socket) {
      this.clearRetry();
      this.open();
    }
  }

  isOpen() {
    return Boolean(this.socket) && this.socket.readyState === 1;
  }

  send(message) {
    if (!this.isOpen()) {
      return false;
    }
    this.socket.send(JSON.stringify(message));
    return true;
  }

  open() {
    const url = this.urls[this.next % this.urls.length];
    this.emit('status', { state: 'connecting', url, own: url === this.url });
    let socket;
    try {
      socket = new this.WebSocketImpl(url);
    } catch (e) {
      this.next += 1;
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    this.opened = false;
    // A server that neither answers nor refuses (a machine that is gone) is not waited for.
    this.connectTimer = this.timers.setTimeout(() => {
      this.connectTimer = null;
      this.detach();
      socket.close();
      this.onClosed(1006, 'no answer');
    }, CONNECT_TIMEOUT_MS);
    socket.onopen = () => {
      this.clearConnectTimer();
      this.opened = true;
      this.lastHeard = this.clock.now();
      this.pingSentAt = null;
      this.keepAliveTimer = this.timers.setInterval(() => this.checkAlive(), 5000);
      this.emit('status', { state: 'open' });
      this.emit('open');
    };
    socket.onmessage = (event) => this.onMessage(event.data);
    socket.onclose = (event) => this.onClose(event.code, event.reason);
    // A socket the browser would not open (Chromium, for an address outside the page's
    // connect-src) reports an error, closed, and never a close.
    socket.onerror = () => {
      if (socket.readyState === 3) {
        this.onClose(1006, '');
      }
    };
  }

  onMessage(data) {
    this.lastHeard = this.clock.now();
    if (typeof data !== 'string') {
      return;
    }
    let parsed;
    try {
      parsed = JSON.parse(data);
    } catch {
      return;
    }
    this.handle(parsed);
  }

  handle(message) {
    if (!message || typeof message !== 'object' || typeof message.type !== 'string') {
      return;
    }
    if (message.type === 'ping') {
      this.send({ type: 'pong', token: message.token });
      return;
    }
    if (message.type === 'pong') {
      this.pingSentAt = null;
      return;
    }
    this.emit('message', message);
  }

  checkAlive() {
    const now = this.clock.now();
    const due = keepAlive(now, this.lastHeard, this.pingSentAt);
    if (due === 'ping') {
      this.pingSentAt = now;
      this.pingCounter += 1;
      this.send({ type: 'ping', token: 'page-' + this.pingCounter });
    } else if (due === 'dead' && this.socket) {
      const socket = this.socket;
      this.detach();
      socket.close(4000, 'no answer to ping');
      this.onClosed(1006, 'no answer to ping');
    }
  }

  onClose(code, reason) {
    if (!this.socket) {
      return;
    }
    this.detach();
    this.onClosed(code, reason);
  }

  onClosed(code, reason) {
    if (!this.opened) {
      // It did not answer: the next attempt goes to the next server.
      this.next = (this.next + 1) % this.urls.length;
    }
    this.opened = false;
    this.emit('close', { code, reason });
    if (this.wanted) {
      this.scheduleRetry();
    } else {
      this.emit('status', { state: 'closed' });
    }
  }

  detach() {
    if (this.socket) {
      const socket = this.socket;
      socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    }
    this.socket = null;
    this.clearConnectTimer();
    if (this.keepAliveTimer !== null) {
      this.timers.clearInterval(this.keepAliveTimer);
      this.keepAliveTimer = null;
    }
  }

  scheduleRetry() {
    if (!this.wanted) {
      return;
    }
    const delay = backoffDelay(this.attempt, this.random);
    this.attempt += 1;
    this.retryAt = this.clock.now() + delay;
    this.emit('status', { state: 'waiting', delay, at: this.retryAt });
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, delay);
  }

  clearConnectTimer() {
    if (this.connectTimer !== null) {
      this.timers.clearTimeout(this.connectTimer);
      this.connectTimer = null;
    }
  }

  clearRetry() {
    if (this.retryTimer !== null) {
      this.timers.clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
  }
}
