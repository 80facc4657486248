import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SignIn } from '../../main/resources/web/assets/signin.js';

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
