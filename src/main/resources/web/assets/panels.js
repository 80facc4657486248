// The room list, the member list and their panels (drawers on a phone), and the keyboard
// shortcuts that move between conversations.

import { privKey } from './names.js';

/** Wires the side panels and shortcuts; returns closePanels for when the view changes. */
export function attachPanels(app, joinRoom) {
  const { e, state, send, apply, activate } = app;

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
    if (app.registered()) {
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

  return { closePanels };
}
