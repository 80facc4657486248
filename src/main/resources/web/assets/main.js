// Wires the page together: the sign-in form, the connection, the chat state and its drawing,
// the input line, keyboard shortcuts, notifications and the phone layout's panels.

import { Connection, socketUrl, socketCandidates } from './protocol.js';
import { SignIn, Reclaim, ENDS_CHAT } from './signin.js';
import { ChatState, titleFor, roomKey } from './state.js';
import { ChatView, el } from './view.js';
import { attachTyping } from './typing.js';
import { attachPanels } from './panels.js';
import { attachAlerts } from './alerts.js';

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
const params = new URLSearchParams(location.search);

let connection = null;
let signIn = null;
let registered = false;
let everRegistered = false;
let quitting = false;
let rejoin = [];
let roomFromUrl = params.get('room') ? params.get('room').replace(/^#/, '') : null;
let statusTimer = null;
let countdownTimer = null;
let bannerLines = [];
let chosenNick = null;
// From the loss of a signed-in connection until signed in again: how long to keep asking for
// the same nickname; heldNick and reclaimTimer while waiting to ask for it again.
let reclaim = null;
let heldNick = null;
let reclaimTimer = null;

// ---- sign-in

function showSignIn(message, field) {
  e.chat.hidden = true;
  e.signin.hidden = false;
  e.signinError.textContent = message || '';
  e.signinButton.disabled = false;
  e.nick.setAttribute('aria-invalid', String(Boolean(message) && field === 'nick'));
  e.password.setAttribute('aria-invalid', String(Boolean(message) && field === 'password'));
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
  alerts.offerNotifications();
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
    password: signIn ? signIn.password : '', automatic: everRegistered,
    reclaim: everRegistered ? reclaim : null });
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
      if (result.reclaim) {
        waitForNick(signIn.candidate(), result.reclaim);
        return;
      }
      if (forgetHeldNick()) {
        view.status('', 'ok', false);
      }
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
        reclaim = null;
        if (forgetHeldNick()) {
          onStatus({ state: 'open' });
        }
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

// The lost session still holds the nickname: ask for it again after delay ms, saying so.
function waitForNick(nick, delay) {
  forgetHeldNick();
  heldNick = nick;
  window.clearTimeout(statusTimer);
  window.clearInterval(countdownTimer);
  countdown(Date.now() + delay, (seconds) => `Waiting for your nickname ${nick} to be released`
    + ` by the lost connection… Trying again in ${seconds} s.`);
  reclaimTimer = window.setTimeout(askForNickAgain, delay);
}

function askForNickAgain() {
  window.clearTimeout(reclaimTimer);
  reclaimTimer = null;
  window.clearInterval(countdownTimer);
  const answer = signIn.retry();
  if (answer.send && connection.send(answer.send)) {
    view.status(`Waiting for your nickname ${heldNick} to be released by the lost connection…`
      + ' Trying again.', 'busy', false);
  }
}

// Whether the page was waiting for a held nickname; it no longer is.
function forgetHeldNick() {
  window.clearTimeout(reclaimTimer);
  reclaimTimer = null;
  const was = heldNick !== null;
  heldNick = null;
  return was;
}

// ---- connection

function onStatus(status) {
  window.clearTimeout(statusTimer);
  window.clearInterval(countdownTimer);
  switch (status.state) {
    case 'connecting':
      view.status(!everRegistered ? 'Connecting…' : status.own ? 'Reconnecting…'
        : `Server unreachable; reconnecting to ${new URL(status.url).host}…`, 'busy', false);
      break;
    case 'open':
      view.status('Connected', 'ok', false);
      statusTimer = window.setTimeout(() => view.status('', 'ok', false), 2500);
      break;
    case 'waiting':
      countdown(status.at, (seconds) => `Disconnected. Reconnecting in ${seconds} s…`);
      break;
    default:
      view.status(quitting || !everRegistered ? '' : 'Disconnected', 'warn', false);
  }
}

// A warning counting down the seconds until at, with the retry button.
function countdown(at, text) {
  const tick = () => view.status(text(Math.max(1, Math.ceil((at - Date.now()) / 1000))), 'warn',
    true);
  tick();
  countdownTimer = window.setInterval(tick, 1000);
}

function onClose() {
  forgetHeldNick();
  if (registered) {
    reclaim = new Reclaim(Date.now());
    rejoin = state.disconnected();
    registered = false;
    view.renderSidebar();
    view.renderHeader();
  }
  e.signinButton.disabled = false;
  if (quitting) {
    backToSignIn('You left the chat. Sign in to come back.');
  }
}

// Ends the chat for good (the user quit, was killed or banned): the form again, nothing kept.
function backToSignIn(why) {
  connection.stop();
  registered = false;
  everRegistered = false;
  reclaim = null;
  forgetHeldNick();
  rejoin = [];
  state.reset();
  showView();
  view.renderSidebar();
  document.title = titleFor(0);
  showSignIn(why, 'nick');
}

function onMessage(msg) {
  if (msg.type === 'nodes') {
    connection.setCandidates(socketCandidates(socketUrl(location), msg.nodes));
    return;
  }
  if (!registered) {
    onSignInMessage(msg);
    return;
  }
  apply(state.apply(msg));
  // Once signed in, only these end the connection; a wrong /oper password does not.
  if (msg.type === 'error' && ENDS_CHAT.has(msg.code)) {
    backToSignIn(`Disconnected: ${msg.text}`);
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
        alerts.notify(effect.key, effect.entry);
        break;
      case 'announce':
        alerts.announce(effect.key, effect.entry);
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
      case 'prepend':
        if (active) view.prepend(effect.entries);
        break;
      case 'older':
        if (active) view.renderOlder(state.activeView());
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
  panels.closePanels();
  typing.forgetCompletion();
}

function activate(key) {
  apply(state.setActive(key));
}

// ---- the parts

const app = {
  e, state, view, send, apply, activate,
  registered: () => registered,
  quitting: () => {
    quitting = true;
  },
};
const typing = attachTyping(app);
const panels = attachPanels(app, typing.joinRoom);
const alerts = attachAlerts(app);

// ---- the rest

e.log.addEventListener('click', (event) => {
  if (event.target.closest('[data-older]')) {
    apply(state.requestOlder());
  }
});
e.retryButton.addEventListener('click', () => {
  if (reclaimTimer !== null) {
    askForNickAgain();
  } else if (connection) {
    connection.retryNow();
  }
});
window.addEventListener('online', () => connection && connection.retryNow());
document.addEventListener('visibilitychange', () => {
  if (!document.hidden && connection) {
    connection.retryNow();
  }
});

for (const opener of document.querySelectorAll('[data-open-about]')) {
  opener.addEventListener('click', () => {
    panels.closePanels();
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
  view.renderHeader();
  if (params.get('nick')) {
    // A password never comes from the address: it would be kept in history and shared links.
    startSignIn(params.get('nick'), '');
  } else {
    e.nick.focus();
  }
}

init();
