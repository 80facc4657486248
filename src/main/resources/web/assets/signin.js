// Signing in over one connection: answers the server's prompts with the password and the
// nickname, and decides what an error at sign-in means. Pure: messages in, decisions out.
// When signing in again after a reconnect the nickname may still be held by the old
// connection (the server has not noticed yet that it died), so nick_ and then nick__ are tried.

export const FATAL = new Set(['password-wrong', 'registration-timeout', 'too-many-guesses',
  'banned', 'killed']);
// After sign-in, the errors that end the connection; the others (a wrong /oper password
// among them) leave it open.
export const ENDS_CHAT = new Set(['banned', 'killed']);
export const RETRY_LATER = new Set(['server-full', 'too-many-connections']);

const ERRORS = {
  'nick-invalid': 'nick',
  'nick-taken': 'nick',
  'password-required': 'password',
};

export class SignIn {
  /**
   * nick and password as the user gave them (password may be empty); automatic when signing in
   * again after a reconnect, so that a taken nickname is worked around rather than asked for.
   */
  constructor({ nick, password = '', automatic = false }) {
    this.nick = nick || '';
    this.password = password || '';
    this.automatic = automatic;
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
    this.suffix = 0;
    this.held = false;
    return this.waiting ? this.answer() : {};
  }

  answer() {
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
   * An error before registration: {fatal, message} when the connection ends with it (the user
   * signs in again), {retry, message} when it is worth trying again later, or {message,
   * field} to show beside the field while the server prompts again.
   */
  onError(code, text) {
    if (FATAL.has(code)) {
      if (code === 'password-wrong') {
        this.password = '';
      }
      return { fatal: true, message: text, field: code === 'password-wrong' ? 'password' : null };
    }
    if (RETRY_LATER.has(code)) {
      return { retry: true, message: text };
    }
    if ((code === 'nick-taken' || code === 'nick-unavailable') && this.automatic
      && this.suffix < 2) {
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
