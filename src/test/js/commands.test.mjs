import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInput, completions, InputHistory } from '../../main/resources/web/assets/commands.js';

const room = { kind: 'room', name: 'lobby' };
const priv = { kind: 'priv', name: 'bob' };

test('a plain line is a post in a room and a private message in a conversation', () => {
  assert.deepEqual(parseInput('hello', room), { do: 'say', text: 'hello' });
  assert.deepEqual(parseInput('hello', priv),
    { do: 'msg', to: 'bob', text: 'hello', action: false, open: false });
  assert.deepEqual(parseInput('   ', room), { do: 'none' });
});

test('// posts a line that starts with /', () => {
  assert.deepEqual(parseInput('//etc/hosts', room), { do: 'say', text: '/etc/hosts' });
});

test('/join, /part and /leave are handled by the page', () => {
  assert.deepEqual(parseInput('/join #games', room), { do: 'join', room: 'games', key: undefined });
  assert.deepEqual(parseInput('/JOIN games sesame', room), { do: 'join', room: 'games', key: 'sesame' });
  assert.deepEqual(parseInput('/part', room), { do: 'part', room: 'lobby' });
  assert.deepEqual(parseInput('/leave #games', room), { do: 'part', room: 'games' });
  assert.deepEqual(parseInput('/part', priv), { do: 'close' });
});

test('/msg sends privately and opens the conversation; /msg NICK /me is an action', () => {
  assert.deepEqual(parseInput('/msg bob hi there', room),
    { do: 'msg', to: 'bob', text: 'hi there', action: false, open: true });
  assert.deepEqual(parseInput('/msg bob /me waves', room),
    { do: 'msg', to: 'bob', text: 'waves', action: true, open: true });
});

test('/me is an action in a room, a private action in a conversation', () => {
  assert.deepEqual(parseInput('/me waves', room), { do: 'me', text: 'waves' });
  assert.deepEqual(parseInput('/me waves', priv),
    { do: 'msg', to: 'bob', text: 'waves', action: true, open: false });
});

test('/query, /clear, /help and /quit', () => {
  assert.deepEqual(parseInput('/query bob', room), { do: 'query', nick: 'bob', text: '' });
  assert.deepEqual(parseInput('/query bob hi', room), { do: 'query', nick: 'bob', text: 'hi' });
  assert.deepEqual(parseInput('/clear', room), { do: 'clear' });
  assert.deepEqual(parseInput('/help', room), { do: 'help' });
  assert.deepEqual(parseInput('/quit gone fishing', room), { do: 'quit', reason: 'gone fishing' });
  assert.deepEqual(parseInput('/exit', room), { do: 'quit', reason: undefined });
});

test('other commands, and handled ones without their arguments, go to the server as typed', () => {
  assert.deepEqual(parseInput('/kick bob spam', room), { do: 'line', text: '/kick bob spam', current: true });
  assert.deepEqual(parseInput('/topic', priv), { do: 'line', text: '/topic', current: false });
  assert.deepEqual(parseInput('/join', room), { do: 'line', text: '/join', current: true });
  assert.deepEqual(parseInput('/msg bob', room), { do: 'line', text: '/msg bob', current: true });
  assert.deepEqual(parseInput('/me', room), { do: 'line', text: '/me', current: true });
  assert.deepEqual(parseInput('/ nothing', room), { do: 'line', text: '/ nothing', current: true });
  assert.deepEqual(parseInput('/nosuch', null), { do: 'line', text: '/nosuch', current: false });
});

test('Tab completes command names at the start of a line', () => {
  assert.deepEqual(completions('/wh', 3, [], []).candidates, ['/who ', '/whois ']);
  assert.deepEqual(completions('/QU', 3, [], []).candidates, ['/query ', '/quit ']);
});

test('Tab completes nicknames, with ": " at the start of a line', () => {
  const nicks = ['alice', 'Albert', 'bob'];
  assert.deepEqual(completions('al', 2, nicks, []).candidates, ['alice: ', 'Albert: ']);
  const later = completions('hi al', 5, nicks, []);
  assert.deepEqual(later.candidates, ['alice ', 'Albert ']);
  assert.equal(later.start, 3);
  assert.deepEqual(completions('/msg b', 6, nicks, []).candidates, ['bob ']);
  assert.deepEqual(completions('/nick a', 7, nicks, []).candidates, []);
  assert.deepEqual(completions('', 0, nicks, []).candidates, []);
});

test('Tab completes rooms after /join, keeping the #', () => {
  assert.deepEqual(completions('/join #ga', 9, ['gabe'], ['games', 'lobby']).candidates, ['#games ']);
  assert.deepEqual(completions('/join l', 7, [], ['games', 'lobby']).candidates, ['lobby ']);
});

test('Up and Down walk through the lines typed, and come back to the draft', () => {
  const history = new InputHistory();
  history.add('one');
  history.add('two');
  history.add('two');
  assert.equal(history.up('draft'), 'two');
  assert.equal(history.up('two'), 'one');
  assert.equal(history.up('one'), null);
  assert.equal(history.down(), 'two');
  assert.equal(history.down(), 'draft');
  assert.equal(history.down(), null);
});
