import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SignIn, Reclaim, RECLAIM_WITHIN_MS } from '../../main/resources/web/assets/signin.js';

const NICK_PROMPT = 'Choose a nickname (1-32 letters, digits and _ - [ ] \\ ` ^ { | }, not starting with a digit or -):';
const PASSWORD_PROMPT = 'This server needs a password (/pass PASSWORD):';

test('the nickname answers the nickname prompt', () => {
  const signIn = new SignIn({ nick: 'carol' });
  assert.deepEqual(signIn.onPrompt(NICK_PROMPT), { send: { type: 'nick', nick: 'carol' } });
});

test('the password answers the password prompt first, then the nickname', () => {
  const signIn = new SignIn({ nick: 'carol', password: 's3cret' });
  assert.deepEqual(signIn.onPrompt(PASSWORD_PROMPT), { send: { type: 'pass', password: 's3cret' } });
  assert.deepEqual(signIn.onPrompt(NICK_PROMPT), { send: { type: 'nick', nick: 'carol' } });
});

test('without a password, the user is asked for one, and the form answers the prompt', () => {
  const signIn = new SignIn({ nick: 'carol' });
  assert.deepEqual(signIn.onPrompt(PASSWORD_PROMPT), { ask: 'password' });
  assert.deepEqual(signIn.submit('carol', 'pw'), { send: { type: 'pass', password: 'pw' } });
});

test('a taken or invalid nickname is shown, and not sent again until the user changes it', () => {
  const signIn = new SignIn({ nick: 'alice' });
  signIn.onPrompt(NICK_PROMPT);
  assert.deepEqual(signIn.onError('nick-taken', 'Nickname alice is already in use; choose another'),
    { message: 'Nickname alice is already in use; choose another', field: 'nick' });
  assert.deepEqual(signIn.onPrompt(NICK_PROMPT), { ask: 'nick' });
  assert.deepEqual(signIn.submit('alice2', ''), { send: { type: 'nick', nick: 'alice2' } });
});

test('after a reconnect a taken nickname is retried as nick_ and nick__, then asked for', () => {
  const signIn = new SignIn({ nick: 'carol', automatic: true });
  assert.deepEqual(signIn.onPrompt(NICK_PROMPT).send.nick, 'carol');
  assert.deepEqual(signIn.onError('nick-taken', 'taken'), {});
  assert.deepEqual(signIn.onPrompt(NICK_PROMPT).send.nick, 'carol_');
  signIn.onError('nick-taken', 'taken');
  assert.deepEqual(signIn.onPrompt(NICK_PROMPT).send.nick, 'carol__');
  assert.equal(signIn.onError('nick-taken', 'taken').field, 'nick');
  assert.deepEqual(signIn.onPrompt(NICK_PROMPT), { ask: 'nick' });
});

test('after a reconnect to another node, a nickname the cluster cannot give yet is worked around', () => {
  const signIn = new SignIn({ nick: 'carol', automatic: true });
  signIn.onPrompt(NICK_PROMPT);
  assert.deepEqual(signIn.onError('nick-unavailable', 'try again'), {});
  assert.deepEqual(signIn.onPrompt(NICK_PROMPT).send.nick, 'carol_');
  const typed = new SignIn({ nick: 'carol' });
  typed.onPrompt(NICK_PROMPT);
  assert.equal(typed.onError('nick-unavailable', 'try again').field, 'nick', 'asked, when typed');
});

test('within two minutes of a loss, a nickname held by the lost session is asked for again later', () => {
  const reclaim = new Reclaim(1_000_000);
  const signIn = new SignIn({ nick: 'wendy', automatic: true, reclaim });
  assert.deepEqual(signIn.onPrompt(NICK_PROMPT), { send: { type: 'nick', nick: 'wendy' } });
  const waits = [];
  for (const code of ['nick-taken', 'nick-unavailable', 'nick-taken', 'nick-taken', 'nick-taken',
    'nick-taken']) {
    const result = signIn.onError(code, 'Nickname wendy is already in use; choose another',
      1_000_000 + 5000 * waits.length);
    assert.equal(result.message, 'Nickname wendy is already in use; choose another');
    assert.equal(result.field, undefined, 'not shown beside the form');
    waits.push(result.reclaim);
    assert.deepEqual(signIn.onPrompt(NICK_PROMPT), {}, 'neither sent nor asked while waiting');
    assert.deepEqual(signIn.retry(), { send: { type: 'nick', nick: 'wendy' } }, 'the same nickname');
  }
  assert.deepEqual(waits, [1000, 2000, 4000, 8000, 10000, 10000]);
});

test('the waits go on over a new connection, and a prompt after the wait is answered', () => {
  const reclaim = new Reclaim(0);
  const first = new SignIn({ nick: 'wendy', automatic: true, reclaim });
  first.onPrompt(NICK_PROMPT);
  assert.equal(first.onError('nick-taken', 'taken', 10).reclaim, 1000);
  assert.deepEqual(first.onError('registration-timeout', 'No nickname chosen; goodbye', 20), {},
    'not the end: the page reconnects');
  const second = new SignIn({ nick: 'wendy', automatic: true, reclaim });
  second.onPrompt(NICK_PROMPT);
  assert.equal(second.onError('nick-taken', 'taken', 30).reclaim, 2000);
  assert.deepEqual(second.retry(), {}, 'no prompt yet');
  assert.deepEqual(second.onPrompt(NICK_PROMPT), { send: { type: 'nick', nick: 'wendy' } });
});

test('two minutes after the loss, a held nickname is worked around as nick_', () => {
  const reclaim = new Reclaim(0);
  const signIn = new SignIn({ nick: 'wendy', automatic: true, reclaim });
  signIn.onPrompt(NICK_PROMPT);
  assert.equal(signIn.onError('nick-taken', 'taken', RECLAIM_WITHIN_MS - 1).reclaim, 1000);
  signIn.retry();
  assert.deepEqual(signIn.onError('nick-unavailable', 'try again', RECLAIM_WITHIN_MS), {});
  assert.deepEqual(signIn.onPrompt(NICK_PROMPT).send.nick, 'wendy_');
});

test('a nickname the user typed is never waited for: its refusal is shown beside the form', () => {
  const first = new SignIn({ nick: 'wendy' });
  first.onPrompt(NICK_PROMPT);
  assert.equal(first.onError('nick-taken', 'taken', 0).field, 'nick');
  assert.equal(first.onError('registration-timeout', 'goodbye', 0).fatal, true);
  const retyped = new SignIn({ nick: 'wendy', automatic: true, reclaim: new Reclaim(0) });
  retyped.onPrompt(PASSWORD_PROMPT);
  retyped.submit('wendy', 'pw');
  retyped.onPrompt(NICK_PROMPT);
  assert.equal(retyped.onError('nick-taken', 'taken', 0).field, 'nick');
  const invalid = new SignIn({ nick: 'wendy', automatic: true, reclaim: new Reclaim(0) });
  invalid.onPrompt(NICK_PROMPT);
  assert.equal(invalid.onError('nick-invalid', 'bad', 0).field, 'nick', 'only a hold is waited for');
});

test('a wrong password ends the attempt and forgets the password', () => {
  const signIn = new SignIn({ nick: 'carol', password: 'bad' });
  signIn.onPrompt(PASSWORD_PROMPT);
  const result = signIn.onError('password-wrong', 'Wrong password; goodbye');
  assert.equal(result.fatal, true);
  assert.equal(result.field, 'password');
  assert.equal(signIn.password, '');
});

test('a full server is worth retrying later', () => {
  const signIn = new SignIn({ nick: 'carol' });
  assert.equal(signIn.onError('server-full', 'full').retry, true);
});
