// Wires the page together: the sign-in form, the connection, the chat state and its drawing,
// the input line, keyboard shortcuts, notifications and the phone layout's panels.

import { Connection, socketUrl } from './protocol.js';
import { SignIn, FATAL } from './signin.js';
import { ChatState, titleFor, roomKey, privKey } from './state.js';
import { parseInput, completions, InputHistory, PAGE_HELP } from './commands.js';
import { ChatView, el } from './view.js';

const $ = (id) => document.getElementById(id);
const e = {
  status: $('status'), statusText: $('status-text'), retryButton: $('retry'),
  signin: $('signin'), signinForm: $('signin-form'), banner: $('banner'), nick: $('nick'),
  passwordField: $('password-field'), password: $('password'), signinError: $('signin-error'),
  signinButton: $('signin-button'),
  chat: $('chat'), sidebar: $('sidebar'), meNick: $('me-nick'), joinForm: $('join-form'),
  joinInput: $('join-input'), suggestions: $('room-suggestions'), roomList: $('room-list'),
  convList: $('conv-list'), convHeading: $('conv-heading'), openSidebar: $('open-sidebar'),
  title: $('view-title'), topic: $('topic'), membersButton: $('members-button'),
  leave: $('leave'), notifyBanner: $('notify-banner'), notifyYes: $('notify-yes'),
  notifyNo: $('notify-no'), log: $('log'), jump: $('jump'), compose: $('compose'),
  input: $('input'), members: $('members'), memberList: $('member-list'),
  memberCount: $('member-count'), backdrop: $('backdrop'), announcer: $('announcer'),
  about: $('about'), clientCommand: $('client-command'),
};

const state = new ChatState();
const view = new ChatView(state, e);
const typed = new InputHistory();
const params = new URLSearchParams(location.search);

let connection = null;
let signIn = null;
let registered = false;
let everRegistered = false;
let quitting = false;
let rejoin = [];
let roomFromUrl = params.get('room') ? params.get('room').replace(/^#/, '') : null;
let completion = null;
let statusTimer = null;
let countdownTimer = null;
let bannerLines = [];
let chosenNick = null;

// ---- sign-in

function showSignIn(message, field) {
  e.chat.hidden = true;
  e.signin.hidden = false;
  e.signinError.textContent = message || '';
  e.signinButton.disabled = false;
  if (field === 'password') {
    e.passwordField.hidden = false;
    e.password.value = '';
    e.password.focus();
  } else {
    e.nick.focus();
    e.nick.select();
  }
}

function showChat() {
  e.signin.hidden = true;
  e.chat.hidden = false;
  e.input.focus();
  offerNotifications();
}

function startSignIn(nick, password) {
  quitting = false;
  e.signinError.textContent = '';
  if (connection && connection.isOpen() && signIn && !registered) {
    const answer = signIn.submit(nick, password);
    if (answer.send) {
      connection.send(answer.send);
      e.signinButton.disabled = true;
    }
    return;
  }
  signIn = new SignIn({ nick, password });
  e.signinButton.disabled = true;
  if (!connection) {
    connection = new Connection(socketUrl(location));
    connection.on('status', onStatus);
    connection.on('open', onOpen);
    connection.on('message', onMessage);
    connection.on('close', onClose);
  }
  connection.start();
}

function onOpen() {
  registered = false;
  bannerLines = [];
  signIn = new SignIn({ nick: (everRegistered && chosenNick) || (signIn ? signIn.nick : e.nick.value.trim()),
    password: signIn ? signIn.password : '', automatic: everRegistered });
}

function onSignInMessage(msg) {
  switch (msg.type) {
    case 'server':
      if (!everRegistered) {
        bannerLines.push(String(msg.text));
        e.banner.textContent = bannerLines.join('\n');
      }
      return;
    case 'prompt': {
      const answer = signIn.onPrompt(String(msg.text || ''));
      if (answer.send) {
        connection.send(answer.send);
      } else if (answer.ask === 'password') {
        showSignIn(e.password.value ? '' : 'This server needs a password.', 'password');
      } else if (answer.ask === 'nick') {
        showSignIn(e.signinError.textContent, 'nick');
      }
      return;
    }
    case 'error': {
      const result = signIn.onError(msg.code, String(msg.text || msg.code));
      if (result.fatal) {
        connection.stop();
        showSignIn(result.message, result.field);
      } else if (result.retry) {
        view.status(result.message, 'warn', false);
      } else if (result.message) {
        showSignIn(result.message, result.field);
      }
      return;
    }
    case 'ok':
      if (msg.what === 'nick') {
        everRegistered = true;
        connection.resetBackoff();
        if (!signIn.automatic || !chosenNick) {
          chosenNick = String(msg.detail);
          try {
            localStorage.setItem('lochat.nick', chosenNick);
          } catch { /* private mode */ }
        }
        showChat();
        apply(state.apply(msg));
        registered = true;
        joinAfterSignIn();
      }
      return;
    default:
      if (msg.type === 'priv') {
        apply(state.apply(msg));
      }
  }
}

function joinAfterSignIn() {
  const rooms = [...rejoin];
  rejoin = [];
  if (roomFromUrl) {
    rooms.push(roomFromUrl);
    state.pendingView = roomKey(roomFromUrl);
    roomFromUrl = null;
  }
  for (const room of rooms) {
    connection.send({ type: 'join', room });
  }
  const active = state.activeView();
  if (active && active.kind === 'room' && !state.pendingView) {
    state.pendingView = active.key;
    connection.send({ type: 'join', room: active.name });
  }
}

// ---- connection

function onStatus(status) {
  window.clearTimeout(statusTimer);
  window.clearInterval(countdownTimer);
  switch (status.state) {
    case 'connecting':
      view.status(everRegistered ? 'Reconnecting…' : 'Connecting…', 'busy', false);
      break;
    case 'open':
      view.status('Connected', 'ok', false);
      statusTimer = window.setTimeout(() => view.status('', 'ok', false), 2500);
      break;
    case 'waiting': {
      const tick = () => {
        const seconds = Math.max(1, Math.ceil((status.at - Date.now()) / 1000));
        view.status(`Disconnected. Reconnecting in ${seconds} s…`, 'warn', true);
      };
      tick();
      countdownTimer = window.setInterval(tick, 1000);
      break;
    }
    default:
      view.status(quitting || !everRegistered ? '' : 'Disconnected', 'warn', false);
  }
}

function onClose() {
  if (registered) {
    rejoin = state.disconnected();
    registered = false;
    view.renderSidebar();
    view.renderHeader();
  }
  e.signinButton.disabled = false;
  if (quitting) {
    connection.stop();
    everRegistered = false;
    rejoin = [];
    state.reset();
    showView();
    view.renderSidebar();
    document.title = titleFor(0);
    showSignIn('You left the chat. Sign in to come back.', 'nick');
  }
}

function onMessage(msg) {
  if (!registered) {
    onSignInMessage(msg);
    return;
  }
  apply(state.apply(msg));
  if (msg.type === 'error' && FATAL.has(msg.code)) {
    connection.stop();
    rejoin = [];
    state.reset();
    showView();
    registered = false;
    everRegistered = false;
    showSignIn(`Disconnected: ${msg.text}`, 'nick');
  }
}

function send(message) {
  if (!connection || !connection.send(message)) {
    apply(state.info('Not connected; your line was not sent. Reconnecting…', 'error'));
    return false;
  }
  return true;
}

// ---- effects

function apply(effects) {
  let sidebar = false;
  for (const effect of effects) {
    const active = effect.key === state.active;
    switch (effect.type) {
      case 'append':
        if (active) view.append(effect.entry);
        break;
      case 'update':
        if (active) view.update(effect.entry);
        break;
      case 'trim':
        if (active) view.trim(effect.count);
        break;
      case 'views':
        sidebar = true;
        break;
      case 'members':
        if (active) view.renderMembers();
        break;
      case 'topic':
        if (active) view.renderHeader();
        break;
      case 'activate':
        showView();
        sidebar = true;
        break;
      case 'send':
        send(effect.message);
        break;
      case 'alert':
        notify(effect.key, effect.entry);
        break;
      case 'announce':
        announce(effect.key, effect.entry);
        break;
      case 'me':
        e.meNick.textContent = state.me;
        if (registered) {
          chosenNick = state.me;
        }
        break;
      case 'known-rooms':
        e.suggestions.replaceChildren(...state.roomNames().map((name) => {
          const option = el('option');
          option.value = name;
          return option;
        }));
        break;
      case 'quit':
        quitting = true;
        break;
      default:
    }
  }
  if (sidebar) {
    view.renderSidebar();
    document.title = titleFor(state.totalUnread());
  }
}

function showView() {
  view.showLog(state.activeView());
  view.renderHeader();
  view.renderMembers();
  closePanels();
  completion = null;
}

function activate(key) {
  apply(state.setActive(key));
}

// ---- typing

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
      quitting = true;
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

// ---- sidebar, members, panels

function openPanel(panel, button) {
  closePanels();
  panel.classList.add('open');
  e.backdrop.hidden = false;
  if (button) {
    button.setAttribute('aria-expanded', 'true');
  }
}

function closePanels() {
  const wasOpen = e.sidebar.classList.contains('open') || e.members.classList.contains('open');
  e.sidebar.classList.remove('open');
  e.members.classList.remove('open');
  e.backdrop.hidden = true;
  e.openSidebar.setAttribute('aria-expanded', 'false');
  return wasOpen;
}

const narrow = window.matchMedia('(max-width: 700px)');

e.openSidebar.addEventListener('click', () => openPanel(e.sidebar, e.openSidebar));
e.membersButton.addEventListener('click', () => {
  if (narrow.matches) {
    openPanel(e.members);
    return;
  }
  const hidden = e.chat.classList.toggle('members-hidden');
  e.membersButton.setAttribute('aria-expanded', String(!hidden));
});
e.backdrop.addEventListener('click', closePanels);

e.roomList.parentElement.addEventListener('click', (event) => {
  const close = event.target.closest('[data-close]');
  if (close) {
    const target = state.views.get(close.dataset.close);
    if (target && target.kind === 'room' && target.joined) {
      send({ type: 'part', room: target.name });
    } else if (target) {
      apply(state.removeView(target.key));
    }
    return;
  }
  const button = event.target.closest('[data-key]');
  if (button) {
    activate(button.dataset.key);
    e.input.focus();
  }
});

e.leave.addEventListener('click', () => {
  const current = state.activeView();
  if (current && current.kind === 'room' && current.joined) {
    send({ type: 'part', room: current.name });
  } else if (current) {
    apply(state.removeView(current.key));
  }
});

e.memberList.addEventListener('click', (event) => {
  const member = event.target.closest('[data-nick]');
  if (member && !member.classList.contains('self')) {
    state.ensurePriv(member.dataset.nick);
    activate(privKey(member.dataset.nick));
    e.input.focus();
  }
});

e.joinForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const name = e.joinInput.value.trim().replace(/^#/, '');
  e.joinInput.value = '';
  if (!name) {
    return;
  }
  const match = state.ordered().find((v) => v.name.toLowerCase() === name.toLowerCase()
    && v.kind !== 'server');
  if (match && (match.kind === 'priv' || match.joined)) {
    activate(match.key);
  } else {
    joinRoom(name);
  }
  e.input.focus();
});

e.joinInput.addEventListener('focus', () => {
  if (registered) {
    state.quietRooms += 1;
    send({ type: 'rooms' });
  }
});

function switchBy(step) {
  const views = state.ordered();
  if (views.length === 0) {
    return;
  }
  const index = views.findIndex((v) => v.key === state.active);
  activate(views[(index + step + views.length) % views.length].key);
}

document.addEventListener('keydown', (event) => {
  if (e.chat.hidden) {
    return;
  }
  if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
    event.preventDefault();
    switchBy(event.key === 'ArrowUp' ? -1 : 1);
    e.input.focus();
  } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
    event.preventDefault();
    if (narrow.matches) {
      openPanel(e.sidebar, e.openSidebar);
    }
    e.joinInput.focus();
  } else if (event.key === 'Escape' && !e.about.open) {
    if (closePanels() || document.activeElement === e.joinInput) {
      e.input.focus();
    }
  }
});

// ---- notifications, screen readers, title

function offerNotifications() {
  let dismissed = false;
  try {
    dismissed = localStorage.getItem('lochat.notify') === 'no';
  } catch { /* private mode */ }
  e.notifyBanner.hidden = !('Notification' in window) || Notification.permission !== 'default'
    || dismissed;
}

e.notifyYes.addEventListener('click', async () => {
  e.notifyBanner.hidden = true;
  try {
    await Notification.requestPermission();
  } catch { /* unsupported */ }
});

e.notifyNo.addEventListener('click', () => {
  e.notifyBanner.hidden = true;
  try {
    localStorage.setItem('lochat.notify', 'no');
  } catch { /* private mode */ }
});

function notify(key, entry) {
  if (!document.hidden || !('Notification' in window) || Notification.permission !== 'granted') {
    return;
  }
  const target = state.views.get(key);
  const where = target && target.kind === 'room' ? ` in #${target.name}` : '';
  try {
    const note = new Notification(`${entry.nick}${where}`, { body: entry.text, tag: key || 'lochat' });
    note.onclick = () => {
      window.focus();
      if (key && state.views.has(key)) {
        activate(key);
      }
      note.close();
    };
  } catch { /* some browsers need a service worker */ }
}

function announce(key, entry) {
  const target = state.views.get(key);
  const said = entry.kind === 'action' ? `${entry.nick} ${entry.text}` : `${entry.nick}: ${entry.text}`;
  if (key === state.active) {
    view.announce(said.length > 200 ? said.slice(0, 200) + '…' : said);
  } else if (target) {
    view.announce(target.kind === 'priv'
      ? `Private message from ${entry.nick}` : `${entry.nick} mentioned you in ${target.name}`);
  }
}

document.addEventListener('visibilitychange', () => {
  apply([...state.setHidden(document.hidden), { type: 'views' }]);
});

// ---- the rest

e.retryButton.addEventListener('click', () => connection && connection.retryNow());

for (const opener of document.querySelectorAll('[data-open-about]')) {
  opener.addEventListener('click', () => {
    closePanels();
    e.about.showModal();
  });
}
e.clientCommand.textContent = `java -jar lochat.jar client --host ${location.hostname || 'HOST'}`;

e.signinForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const nick = e.nick.value.trim();
  if (!nick) {
    e.signinError.textContent = 'Choose a nickname.';
    e.nick.focus();
    return;
  }
  startSignIn(nick, e.password.value);
});

window.setInterval(() => {
  if (registered && !document.hidden) {
    apply(state.refreshMembers());
  }
}, 60000);

function init() {
  let saved = '';
  try {
    saved = localStorage.getItem('lochat.nick') || '';
  } catch { /* private mode */ }
  e.nick.value = params.get('nick') || saved;
  if (params.get('password')) {
    e.password.value = params.get('password');
  }
  view.renderHeader();
  if (params.get('nick')) {
    startSignIn(params.get('nick'), params.get('password') || '');
  } else {
    e.nick.focus();
  }
}

init();
