// The line where messages are typed: what a typed line does (commands.js decides, this carries
// it out), Tab completion and the Up/Down history.

import { parseInput, completions, InputHistory, PAGE_HELP } from './commands.js';
import { roomKey, privKey } from './names.js';

/** Wires the input line; returns joinRoom, which the room list uses too. */
export function attachTyping(app) {
  const { e, state, send, apply, activate } = app;
  const typed = new InputHistory();
  let completion = null;

  function submitLine(line) {
    typed.add(line);
    const current = state.activeView();
    const where = current && current.kind !== 'server' ? { kind: current.kind, name: current.name } : null;
    const action = parseInput(line, where);
    switch (action.do) {
      case 'none':
        return;
      case 'say':
      case 'me':
        if (!current || current.kind !== 'room') {
          apply(state.info('Join a room first: /join ROOM', 'error'));
          return;
        }
        if (!current.joined) {
          apply(state.info(`You are not in ${current.name}; /join ${current.name} to enter it`, 'error'));
          return;
        }
        apply(state.ensureCurrent());
        send({ type: action.do, text: action.text });
        return;
      case 'msg':
        if (action.open) {
          state.pendingView = privKey(action.to);
        }
        send({ type: 'msg', to: action.to, text: action.text, ...(action.action ? { action: true } : {}) });
        return;
      case 'query': {
        state.ensurePriv(action.nick);
        activate(privKey(action.nick));
        if (action.text) {
          send({ type: 'msg', to: action.nick, text: action.text });
        }
        return;
      }
      case 'join':
        joinRoom(action.room, action.key);
        return;
      case 'part':
        send({ type: 'part', room: action.room });
        return;
      case 'close':
        apply(state.removeView(state.active));
        return;
      case 'clear':
        apply(state.clear(state.active));
        return;
      case 'help':
        apply(PAGE_HELP.flatMap((text) => state.info(text)));
        send({ type: 'line', text: '/help' });
        return;
      case 'quit':
        app.quitting();
        send({ type: 'quit', ...(action.reason ? { reason: action.reason } : {}) });
        return;
      case 'line':
        if (/^\/(who|names)(\s|$)/i.test(action.text)) {
          state.loudWho += 1;
        }
        if (action.current) {
          apply(state.ensureCurrent());
        }
        send({ type: 'line', text: action.text });
        return;
      default:
    }
  }

  function joinRoom(room, key) {
    const existing = state.views.get(roomKey(room));
    if (existing && existing.joined && !key) {
      activate(existing.key);
      return;
    }
    state.pendingView = roomKey(room);
    send({ type: 'join', room, ...(key ? { key } : {}) });
  }

  function complete(backwards) {
    const input = e.input;
    if (!completion || completion.line !== input.value || completion.cursor !== input.selectionStart) {
      const found = completions(input.value, input.selectionStart, state.completionNicks(),
        state.roomNames());
      if (found.candidates.length === 0) {
        completion = null;
        return;
      }
      completion = { ...found, original: input.value, index: -1 };
    }
    const count = completion.candidates.length;
    if (backwards) {
      completion.index = completion.index <= 0 ? count - 1 : completion.index - 1;
    } else {
      completion.index = (completion.index + 1) % count;
    }
    const choice = completion.candidates[completion.index];
    const { original, start, end } = completion;
    input.value = original.slice(0, start) + choice + original.slice(end);
    const cursor = start + choice.length;
    input.setSelectionRange(cursor, cursor);
    completion.line = input.value;
    completion.cursor = cursor;
  }

  e.compose.addEventListener('submit', (event) => {
    event.preventDefault();
    const line = e.input.value;
    e.input.value = '';
    completion = null;
    submitLine(line);
  });

  e.input.addEventListener('keydown', (event) => {
    if (event.key === 'Tab' && !event.ctrlKey && !event.altKey && !event.metaKey) {
      if (e.input.value.trim() === '') {
        return;
      }
      event.preventDefault();
      complete(event.shiftKey);
      return;
    }
    if ((event.key === 'ArrowUp' || event.key === 'ArrowDown') && !event.altKey && !event.ctrlKey) {
      const line = event.key === 'ArrowUp' ? typed.up(e.input.value) : typed.down();
      if (line !== null) {
        event.preventDefault();
        e.input.value = line;
        e.input.setSelectionRange(line.length, line.length);
      }
    }
  });

  return {
    joinRoom,
    forgetCompletion() {
      completion = null;
    },
  };
}
