// What a typed line means, the Tab completions for the word being typed, and the input
// history. Pure: no DOM, no connection. The page handles a few commands itself (those that
// change what is shown, or whose target it knows better than the server's "current room");
// every other line starting with "/" goes to the server as the terminal client would send it,
// so the server answers it, errors included, exactly as it answers the terminal client.

/** The commands the server takes from native clients, and those the page adds. */
export const COMMANDS = ['/away', '/ban', '/bans', '/clear', '/deop', '/devoice', '/exit',
  '/help', '/history', '/invite', '/join', '/kick', '/leave', '/list', '/me', '/mode', '/msg',
  '/names', '/nick', '/op', '/part', '/query', '/quit', '/rooms', '/topic', '/unban', '/voice',
  '/who', '/whois'];

/** Help for the commands the page handles itself, shown after the server's /help. */
export const PAGE_HELP = [
  'In this page:',
  '  /query NICK [TEXT]  open a private conversation with NICK',
  '  /clear              clear this conversation on screen',
  '  Tab completes nicknames and commands; Up and Down recall what you typed',
  '  Alt+Up / Alt+Down or Ctrl+K switch rooms; Escape closes panels',
];

function room(name) {
  return name.startsWith('#') ? name.slice(1) : name;
}

function splitWord(text) {
  const match = text.match(/^(\S+)(?:\s+([\s\S]*))?$/);
  return match ? [match[1], (match[2] || '').trim()] : ['', ''];
}

/**
 * The action for a typed line. view is {kind:'room'|'priv', name} or null (no conversation).
 * Actions: say, me, msg {to, text, action, open}, join {room, key}, part {room}, close, query
 * {nick, text}, clear, help, quit {reason}, line {text, current}, none. "current" asks that the
 * viewed room be made the server's current room first, since the server applies the line to it.
 */
export function parseInput(line, view) {
  if (line.trim() === '') {
    return { do: 'none' };
  }
  const inRoom = view && view.kind === 'room';
  const inPriv = view && view.kind === 'priv';
  if (!line.startsWith('/') || line.startsWith('//')) {
    const text = line.startsWith('//') ? line.slice(1) : line;
    if (inPriv) {
      return { do: 'msg', to: view.name, text, action: false, open: false };
    }
    return { do: 'say', text };
  }
  const body = line.slice(1);
  const [word, args] = splitWord(body);
  const name = /^\s/.test(body) ? '' : word.toLowerCase();
  const asLine = { do: 'line', text: line, current: Boolean(inRoom) };
  switch (name) {
    case 'join': {
      const [target, key] = splitWord(args);
      return target ? { do: 'join', room: room(target), key: key || undefined } : asLine;
    }
    case 'part':
    case 'leave':
      if (args) {
        return /\s/.test(args) ? asLine : { do: 'part', room: room(args) };
      }
      if (inPriv) {
        return { do: 'close' };
      }
      return inRoom ? { do: 'part', room: view.name } : asLine;
    case 'msg': {
      const [to, text] = splitWord(args);
      if (!to || !text) {
        return asLine;
      }
      if (text === '/me' || text.startsWith('/me ') || text.startsWith('/me\t')) {
        const action = text.slice(3).trim();
        return action ? { do: 'msg', to, text: action, action: true, open: true } : asLine;
      }
      return { do: 'msg', to, text, action: false, open: true };
    }
    case 'query': {
      const [nick, text] = splitWord(args);
      return nick ? { do: 'query', nick, text } : asLine;
    }
    case 'me':
      if (!args) {
        return asLine;
      }
      if (inPriv) {
        return { do: 'msg', to: view.name, text: args, action: true, open: false };
      }
      return { do: 'me', text: args };
    case 'clear':
      return { do: 'clear' };
    case 'help':
      return { do: 'help' };
    case 'quit':
    case 'exit':
      return { do: 'quit', reason: args || undefined };
    default:
      return asLine;
  }
}

/**
 * The completions of the word before the cursor: {start, end, candidates}. Command names after
 * a "/" at the start of the line, room names after the commands that take a room, and
 * nicknames elsewhere, with ": " after a nickname that starts the line.
 */
export function completions(line, cursor, nicks, rooms) {
  const before = line.slice(0, cursor);
  const start = before.search(/\S*$/);
  const word = before.slice(start);
  const words = before.slice(0, start).trim().split(/\s+/).filter(Boolean);
  const command = words.length ? words[0].toLowerCase() : '';
  const empty = { start, end: cursor, candidates: [] };
  if (!word) {
    return empty;
  }
  if (words.length === 0 && word.startsWith('/')) {
    return { start, end: cursor, candidates: matching(COMMANDS, word, '', ' ') };
  }
  const takesRoom = ['/join', '/part', '/leave', '/who', '/names', '/bans', '/mode'];
  if ((words.length === 1 && takesRoom.includes(command))
      || (words.length === 2 && command === '/invite')) {
    const hash = word.startsWith('#') ? '#' : '';
    return { start, end: cursor, candidates: matching(rooms, word.slice(hash.length), hash, ' ') };
  }
  if (command === '/nick' || command === '/pass') {
    return empty;
  }
  const suffix = words.length === 0 ? ': ' : ' ';
  return { start, end: cursor, candidates: matching(nicks, word, '', suffix) };
}

function matching(names, prefix, before, after) {
  const lower = prefix.toLowerCase();
  return names.filter((name) => name.toLowerCase().startsWith(lower))
    .map((name) => before + name + after);
}

/** The lines typed before, recalled with Up and Down; what was being typed is kept aside. */
export class InputHistory {
  constructor(limit = 200) {
    this.limit = limit;
    this.lines = [];
    this.position = 0;
    this.draft = '';
  }

  add(line) {
    if (line.trim() && this.lines[this.lines.length - 1] !== line) {
      this.lines.push(line);
      if (this.lines.length > this.limit) {
        this.lines.shift();
      }
    }
    this.position = this.lines.length;
    this.draft = '';
  }

  /** The line before, or null at the oldest. current is what the input holds now. */
  up(current) {
    if (this.position === 0) {
      return null;
    }
    if (this.position === this.lines.length) {
      this.draft = current;
    }
    this.position -= 1;
    return this.lines[this.position];
  }

  /** The line after, the draft after the newest, or null when already there. */
  down() {
    if (this.position >= this.lines.length) {
      return null;
    }
    this.position += 1;
    return this.position === this.lines.length ? this.draft : this.lines[this.position];
  }
}
