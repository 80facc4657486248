import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitLinks, safeHref, splitMessage, mentions } from '../../main/resources/web/assets/links.js';

test('an http link in text becomes a link part, the rest stays text', () => {
  assert.deepEqual(splitLinks('see https://example.org/a?b=1 now'), [
    { type: 'text', text: 'see ' },
    { type: 'link', text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
    { type: 'text', text: ' now' },
  ]);
});

test('trailing punctuation is not part of a link, a balanced parenthesis is', () => {
  assert.deepEqual(splitLinks('(at http://x.org/y).').map((p) => p.text),
    ['(at ', 'http://x.org/y', ').']);
  assert.equal(splitLinks('https://en.wikipedia.org/wiki/Rust_(language)!')[0].text,
    'https://en.wikipedia.org/wiki/Rust_(language)');
});

test('www. addresses link to http', () => {
  const [link] = splitLinks('www.example.org');
  assert.equal(link.type, 'link');
  assert.equal(link.href, 'http://www.example.org/');
});

test('javascript: and data: addresses stay text', () => {
  for (const text of ['javascript:alert(1)', 'click javascript://%0aalert(1)',
    'data:text/html,<script>alert(1)</script>', 'JaVaScRiPt:alert(1)']) {
    assert.ok(splitLinks(text).every((p) => p.type === 'text'), text);
    assert.equal(splitLinks(text).map((p) => p.text).join(''), text);
  }
  assert.equal(safeHref('javascript:alert(1)'), null);
  assert.equal(safeHref('https://ok.example/'), 'https://ok.example/');
});

test('text that looks like HTML stays the same text', () => {
  const text = '<img src=x onerror=alert(1)> & <b>bold</b>';
  assert.deepEqual(splitLinks(text), [{ type: 'text', text }]);
});

test('a link cannot carry quotes or angle brackets out of itself', () => {
  const parts = splitLinks('http://a.example/"><script>x</script>');
  assert.equal(parts[0].href, 'http://a.example/');
  assert.equal(parts.map((p) => p.text).join(''), 'http://a.example/"><script>x</script>');
});

test('mentions are whole words in any case, never one\'s own', () => {
  assert.ok(mentions('hey Carol, look', 'bob', 'carol'));
  assert.ok(mentions('carol: hi', 'bob', 'carol'));
  assert.ok(!mentions('carolina is here', 'bob', 'carol'));
  assert.ok(!mentions('my.carol', 'bob', 'carol'));
  assert.ok(!mentions('I am carol', 'carol', 'carol'));
  assert.ok(mentions('ping [x]!', 'bob', '[x]'));
  assert.ok(!mentions('anything', 'bob', 'not a nick'));
});

test('a message splits into text, links and mentions', () => {
  assert.deepEqual(splitMessage('carol see http://x.org carol', 'carol', 'bob'), [
    { type: 'mention', text: 'carol' },
    { type: 'text', text: ' see ' },
    { type: 'link', text: 'http://x.org', href: 'http://x.org/' },
    { type: 'text', text: ' ' },
    { type: 'mention', text: 'carol' },
  ]);
  assert.deepEqual(splitMessage('carol', 'carol', 'carol'), [{ type: 'text', text: 'carol' }]);
});
