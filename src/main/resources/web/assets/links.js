// Splits message text into plain text, links and mentions. Pure: no DOM. The page turns the
// parts into text nodes and <a> elements, so user text is never parsed as HTML, and only
// http: and https: addresses ever become links.

const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;
const TRAILING = /[.,;:!?'")\]}>]+$/;

/** Whether href is an absolute http(s) address, the only kind the page links to. */
export function safeHref(href) {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The text as [{type:'text', text}] and [{type:'link', text, href}] parts, in order. */
export function splitLinks(text) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    let raw = match[0];
    const trailing = raw.match(TRAILING);
    if (trailing) {
      raw = keepBalancedClosers(raw, trailing[0]);
    }
    const href = safeHref(/^www\./i.test(raw) ? 'http://' + raw : raw);
    if (!href || raw.length === 0) {
      continue;
    }
    if (match.index > last) {
      parts.push({ type: 'text', text: text.slice(last, match.index) });
    }
    parts.push({ type: 'link', text: raw, href });
    last = match.index + raw.length;
  }
  if (last < text.length) {
    parts.push({ type: 'text', text: text.slice(last) });
  }
  return mergeText(parts);
}

/** Strips trailing punctuation, but keeps a ")" that closes a "(" inside the link (Wikipedia). */
function keepBalancedClosers(raw, trailing) {
  let cut = raw.slice(0, raw.length - trailing.length);
  for (const ch of trailing) {
    if (ch === ')' && count(cut, '(') > count(cut, ')')) {
      cut += ch;
    } else {
      break;
    }
  }
  return cut;
}

function count(text, ch) {
  return text.split(ch).length - 1;
}

function mergeText(parts) {
  const merged = [];
  for (const part of parts) {
    const previous = merged[merged.length - 1];
    if (part.type === 'text' && previous && previous.type === 'text') {
      previous.text += part.text;
    } else {
      merged.push(part);
    }
  }
  return merged;
}

const NICK_CHARS = /^[A-Za-z_[\]\\`^{|}][A-Za-z0-9_[\]\\`^{|}-]{0,31}$/;

/** A whole-word, case-insensitive pattern for nick (as the terminal client's Mentions), or null. */
export function mentionPattern(nick) {
  if (!nick || !NICK_CHARS.test(nick)) {
    return null;
  }
  const escaped = nick.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&');
  return new RegExp('(?<![A-Za-z0-9_.-])' + escaped + '(?![A-Za-z0-9_-])', 'gi');
}

/** Whether text by author mentions nick; one's own words never do. */
export function mentions(text, author, nick) {
  const pattern = mentionPattern(nick);
  if (!pattern || (author && author.toLowerCase() === nick.toLowerCase())) {
    return false;
  }
  return pattern.test(text);
}

/** The parts of text with links, and mentions of nick inside the plain text parts. */
export function splitMessage(text, nick, author) {
  const pattern = author && nick && author.toLowerCase() === nick.toLowerCase()
    ? null : mentionPattern(nick);
  const parts = [];
  for (const part of splitLinks(text)) {
    if (part.type !== 'text' || !pattern) {
      parts.push(part);
      continue;
    }
    let last = 0;
    for (const match of part.text.matchAll(pattern)) {
      if (match.index > last) {
        parts.push({ type: 'text', text: part.text.slice(last, match.index) });
      }
      parts.push({ type: 'mention', text: match[0] });
      last = match.index + match[0].length;
    }
    if (last < part.text.length) {
      parts.push({ type: 'text', text: part.text.slice(last) });
    }
  }
  return parts;
}
