// Signing in over one connection: answers the server's prompts with the password and the
// nickname, and decides what an error at sign-in means. Pure: messages in, decisions out.
// When signing in again after a lost connection the nickname may still be held by the lost
// session (the server has not noticed yet that it died, or, on another node of a cluster, the
// cluster has not yet removed the dead node): for up to two minutes after the loss the page
// keeps asking for the same nickname after a wait that grows (Reclaim), as the terminal client
// does; after that it takes nick_ and then nick__. It asks again on the same connection, which
// the server prompts again: a new one could be refused, as the other nodes stop taking the
// WebSockets of a dead node's page once the cluster has removed it.

export const FATAL = new Set(['password-wrong', 'registration-timeout', 'too-many-guesses',
  'banned', 'killed']);
// After sign-in, the errors that end the connection; the others (a wrong /oper password
// among them) leave it open.
export const ENDS_CHAT = new Set(['banned', 'killed']);
export const RETRY_LATER = new Set(['server-full', 'too-many-connections']);
// The refusals that a lost session's hold on the nickname explains.
export const HELD = new Set(['nick-taken', 'nick-unavailable']);

export const RECLAIM_WITHIN_MS = 120000;
export const RECLAIM_FIRST_MS = 1000;
export const RECLAIM_MAX_MS = 10000;

/**
 * Keeping the nickname after the connection was lost at lostAt: until two minutes after, a
 * refusal of it is taken for the lost session's hold, to wait out. Its waits are 1 s, doubling
 * to 10 s, as the terminal client's.
 */
export class Reclaim {
  constructor(lostAt) {
    this.until = lostAt + RECLAIM_WITHIN_MS;
    this.tries = 0;
  }

  /** Whether a refusal at now is still taken for the lost session's. */
  holds(now) {
    return now < this.until;
  }

  /** The wait before the next try. */
  nextDelay() {
    const delay = Math.min(RECLAIM_MAX_MS, RECLAIM_FIRST_MS * 2 ** Math.min(this.tries, 10));
    this.tries += 1;
    return delay;
  }
}

const ERRORS = {
  'nick-invalid': 'nick',
  'nick-taken': 'nick',
  'password-required': 'password',
};

export class SignIn {
  /**
   * nick and password as the user gave them (password may be empty); automatic when signing in
   * again after a reconnect, so that a taken nickname is worked around rather than asked for;
   * reclaim, the Reclaim of the lost connection, when that connection was signed in.
   */
  constructor({ nick, password = '', automatic = false, reclaim = null }) {
    this.nick = nick || '';
    this.password = password || '';
    this.automatic = automatic;
    this.reclaim = reclaim;
    this.holdWait = false;
    this.reclaimed = false;
    this.suffix = 0;
    this.waiting = null;
    this.passwordSent = false;
    this.held = false;
  }

  /** The nickname asked for now: nick, or nick_ and nick__ after a reconnect found it taken. */
  candidate() {
    return (this.nick + '_'.repeat(this.suffix)).slice(0, 32);
  }

  /** A prompt from the server: {send} to answer it, or {ask: 'password'|'nick'} the user. */
  onPrompt(text) {
    const wantsPassword = /password/i.test(text);
    this.waiting = wantsPassword ? 'password' : 'nick';
    return this.answer();
  }

  /** The user submitted the form; the message to send now, if the server is waiting. */
  submit(nick, password) {
    this.nick = nick;
    this.password = password || '';
    this.automatic = false;
    this.reclaim = null;
    this.holdWait = false;
    this.suffix = 0;
    this.held = false;
    return this.waiting ? this.answer() : {};
  }

  /** The wait for a held nickname is over: the message asking for it again, if it is time. */
  retry() {
    this.holdWait = false;
    return this.waiting === 'nick' ? this.answer() : {};
  }

  answer() {
    if (this.holdWait) {
      return {};
    }
    if (this.waiting === 'password') {
      if (this.password && !this.passwordSent && !this.held) {
        this.passwordSent = true;
        this.waiting = null;
        return { send: { type: 'pass', password: this.password } };
      }
      return { ask: 'password' };
    }
    if (this.waiting === 'nick' && this.nick && !this.held) {
      this.waiting = null;
      return { send: { type: 'nick', nick: this.candidate() } };
    }
    return { ask: this.waiting || 'nick' };
  }

  /**
   * An error at time now before registration: {fatal, message} when the connection ends with
   * it (the user signs in again), {retry, message} when it is worth trying again later,
   * {reclaim: wait, message} when the lost session still holds the nickname (call retry() after
   * wait ms; prompts meanwhile are not answered), or {message, field} to show beside the field
   * while the server prompts again. A connection that waited for its nickname too long for the
   * server (registration-timeout) is not fatal: the page reconnects and goes on waiting.
   */
  onError(code, text, now = Date.now()) {
    if (code === 'registration-timeout' && this.reclaimed) {
      return {};
    }
    if (FATAL.has(code)) {
      if (code === 'password-wrong') {
        this.password = '';
      }
      return { fatal: true, message: text, field: code === 'password-wrong' ? 'password' : null };
    }
    if (RETRY_LATER.has(code)) {
      return { retry: true, message: text };
    }
    if (HELD.has(code) && this.automatic && this.suffix === 0 && this.reclaim
      && this.reclaim.holds(now)) {
      this.holdWait = true;
      this.reclaimed = true;
      return { reclaim: this.reclaim.nextDelay(), message: text };
    }
    if (HELD.has(code) && this.automatic && this.suffix < 2) {
      this.suffix += 1;
      return {};
    }
    if (code === 'password-required') {
      this.passwordSent = false;
    }
    this.held = true;
    return { message: text, field: ERRORS[code] || 'nick' };
  }
}
