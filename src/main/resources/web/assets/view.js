// Draws the chat: the message log, the sidebar of rooms and conversations, the member list,
// the topic bar and the status bar. User text only ever reaches the page as text nodes, and
// links only as <a> elements whose address links.js has checked to be http or https.

import { splitMessage } from './links.js';
import { sortMembers, same } from './state.js';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric' });
const STICK_PX = 48;
const EVENTS_SHOWN = 3;

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = text;
  }
  return node;
}

/** One of eight colours for a nickname, the same on every page. */
export function nickClass(nick) {
  let hash = 0;
  for (const ch of nick.toLowerCase()) {
    hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  }
  return 'nc' + (hash % 8);
}

function timeElement(millis, className) {
  const date = new Date(millis);
  const node = el('time', className, timeFormat.format(date));
  node.dateTime = date.toISOString();
  node.title = fullFormat.format(date);
  return node;
}

/** Appends text to parent as text nodes, safe links and highlighted mentions. */
export function appendRichText(parent, text, me, author) {
  for (const part of splitMessage(text, me, author)) {
    if (part.type === 'link') {
      const link = el('a', 'link', part.text);
      link.href = part.href;
      link.rel = 'noopener noreferrer';
      link.target = '_blank';
      parent.append(link);
    } else if (part.type === 'mention') {
      parent.append(el('mark', 'mention-word', part.text));
    } else {
      parent.append(document.createTextNode(part.text));
    }
  }
}

function nickElement(nick) {
  return el('span', 'nick ' + nickClass(nick), nick);
}

export class ChatView {
  constructor(state, elements) {
    this.state = state;
    this.e = elements;
    this.nodes = new Map();
    this.unseen = 0;
    this.e.log.addEventListener('scroll', () => {
      if (this.atBottom()) {
        this.unseen = 0;
        this.e.jump.hidden = true;
      }
    });
    this.e.jump.addEventListener('click', () => this.scrollToBottom());
  }

  // ---- log

  atBottom() {
    const log = this.e.log;
    return log.scrollHeight - log.scrollTop - log.clientHeight < STICK_PX;
  }

  scrollToBottom() {
    this.e.log.scrollTop = this.e.log.scrollHeight;
    this.unseen = 0;
    this.e.jump.hidden = true;
  }

  renderEntry(entry) {
    const me = this.state.me;
    const item = el('li', 'entry ' + entry.t);
    item.dataset.seq = entry.seq;
    switch (entry.t) {
      case 'msg':
        return this.renderMessage(item, entry, me);
      case 'events':
        return this.renderEvents(item, entry);
      case 'info':
        if (entry.level === 'error') {
          item.classList.add('error');
        }
        for (const line of entry.lines) {
          const row = el('div', 'info-line');
          appendRichText(row, line, null, null);
          item.append(row);
        }
        return item;
      case 'note':
        appendRichText(item, entry.text, null, null);
        return item;
      case 'marker':
        item.setAttribute('role', 'separator');
        item.append(el('span', null, 'Earlier messages above · live from here'));
        return item;
      case 'day':
        item.setAttribute('role', 'separator');
        item.append(el('span', null, dayFormat.format(new Date(entry.time))));
        return item;
      default:
        return item;
    }
  }

  renderMessage(item, entry, me) {
    item.classList.add(entry.kind);
    item.classList.toggle('own', entry.own);
    item.classList.toggle('mention', entry.mention);
    item.classList.toggle('history', entry.history);
    const body = el('div', 'body');
    if (entry.kind === 'action') {
      item.append(timeElement(entry.time, 'side-time'));
      body.append('* ', nickElement(entry.nick), ' ');
    } else if (entry.continued) {
      item.classList.add('continued');
      item.append(timeElement(entry.time, 'side-time'));
    } else {
      const meta = el('div', 'meta');
      meta.append(nickElement(entry.nick));
      if (entry.kind === 'notice') {
        meta.append(el('span', 'badge-notice', 'notice'));
      }
      meta.append(timeElement(entry.time, 'time'));
      item.append(meta);
    }
    const text = el('span', 'text');
    appendRichText(text, entry.text, me, entry.nick);
    body.append(text);
    item.append(body);
    return item;
  }

  renderEvents(item, entry) {
    if (entry.items.length <= EVENTS_SHOWN) {
      item.append(el('span', null, entry.items.join(' · ')));
      return item;
    }
    const details = el('details');
    const more = entry.items.length - EVENTS_SHOWN;
    details.append(el('summary', null,
      `${entry.items.slice(0, EVENTS_SHOWN).join(' · ')} and ${more} more`));
    const list = el('ul', 'event-list');
    for (const text of entry.items) {
      list.append(el('li', null, text));
    }
    details.append(list);
    item.append(details);
    return item;
  }

  /** The first line of a room's log: a button for earlier messages, or where history begins. */
  olderItem(view) {
    const item = el('li', 'older');
    if (view.noMoreHistory) {
      item.append(el('span', 'muted', 'This is where the room\'s history begins'));
    } else {
      const button = el('button', 'link-button', view.loadingOlder ? 'Loading…' : 'Show earlier messages');
      button.type = 'button';
      button.dataset.older = view.key;
      button.disabled = Boolean(view.loadingOlder);
      item.append(button);
    }
    return item;
  }

  renderOlder(view) {
    const old = this.e.log.querySelector('li.older');
    if (old) {
      old.replaceWith(this.olderItem(view));
    }
  }

  prepend(entries) {
    const log = this.e.log;
    const height = log.scrollHeight;
    const top = log.scrollTop;
    const anchor = log.querySelector('li.older');
    const fragment = document.createDocumentFragment();
    for (const entry of entries) {
      const node = this.renderEntry(entry);
      this.nodes.set(entry.seq, node);
      fragment.append(node);
    }
    if (anchor) {
      anchor.after(fragment);
    } else {
      log.prepend(fragment);
    }
    log.scrollTop = top + (log.scrollHeight - height);
  }

  showLog(view) {
    const log = this.e.log;
    log.replaceChildren();
    this.nodes.clear();
    if (view && view.kind === 'room' && view.joined) {
      log.append(this.olderItem(view));
    }
    if (view) {
      const fragment = document.createDocumentFragment();
      for (const entry of view.log) {
        const node = this.renderEntry(entry);
        this.nodes.set(entry.seq, node);
        fragment.append(node);
      }
      log.append(fragment);
    }
    this.scrollToBottom();
  }

  append(entry) {
    const stuck = this.atBottom();
    const node = this.renderEntry(entry);
    this.nodes.set(entry.seq, node);
    this.e.log.append(node);
    this.afterChange(stuck, entry);
  }

  update(entry) {
    const old = this.nodes.get(entry.seq);
    if (!old) {
      return this.append(entry);
    }
    const stuck = this.atBottom();
    const open = old.querySelector('details')?.open;
    const node = this.renderEntry(entry);
    if (open) {
      node.querySelector('details').open = true;
    }
    old.replaceWith(node);
    this.nodes.set(entry.seq, node);
    this.afterChange(stuck, entry);
  }

  trim(count) {
    const nodes = [...this.e.log.querySelectorAll(':scope > li[data-seq]')].slice(0, count);
    for (const node of nodes) {
      this.nodes.delete(Number(node.dataset.seq));
      node.remove();
    }
  }

  afterChange(stuck, entry) {
    if (stuck || (entry.t === 'msg' && entry.own)) {
      this.scrollToBottom();
    } else if (entry.t === 'msg') {
      this.unseen += 1;
      this.e.jump.textContent = `${this.unseen} new message${this.unseen === 1 ? '' : 's'} ↓`;
      this.e.jump.hidden = false;
    }
  }

  // ---- sidebar, header, members

  renderSidebar() {
    const { roomList, convList, convHeading } = this.e;
    roomList.replaceChildren();
    convList.replaceChildren();
    for (const view of this.state.ordered()) {
      const item = el('li', 'view-entry');
      const button = el('button', 'view-button');
      button.type = 'button';
      button.dataset.key = view.key;
      if (view.key === this.state.active) {
        button.classList.add('active');
        button.setAttribute('aria-current', 'page');
      }
      if (view.kind === 'room' && !view.joined) {
        button.classList.add('not-joined');
      }
      const prefix = view.kind === 'room' ? '#' : view.kind === 'priv' ? '@' : '';
      const name = el('span', 'view-name');
      name.append(el('span', 'view-prefix', prefix), view.name);
      button.append(name);
      let label = (view.kind === 'priv' ? 'Conversation with ' : '') + view.name;
      if (view.unread > 0) {
        const badge = el('span', 'badge' + (view.mentions > 0 ? ' badge-mention' : ''),
          String(view.unread > 99 ? '99+' : view.unread));
        button.append(badge);
        label += `, ${view.unread} unread`;
        button.classList.add('unread');
      }
      button.setAttribute('aria-label', label);
      item.append(button);
      {
        const close = el('button', 'view-close', '×');
        close.type = 'button';
        close.dataset.close = view.key;
        close.setAttribute('aria-label',
          view.kind === 'room' ? `Leave ${view.name}` : view.kind === 'priv'
            ? `Close conversation with ${view.name}` : 'Close server messages');
        close.title = close.getAttribute('aria-label');
        item.append(close);
      }
      (view.kind === 'priv' ? convList : roomList).append(item);
    }
    convHeading.hidden = this.state.conversations().length === 0;
  }

  renderHeader() {
    const view = this.state.activeView();
    const { title, topic, leave, membersButton, input } = this.e;
    title.replaceChildren();
    topic.replaceChildren();
    this.e.chat.classList.toggle('no-members', !view || view.kind !== 'room');
    if (!view) {
      title.textContent = 'Lochat';
      leave.hidden = true;
      membersButton.hidden = true;
      input.placeholder = 'Type /join ROOM to enter a room';
      return;
    }
    const prefix = view.kind === 'room' ? '#' : view.kind === 'priv' ? '@' : '';
    title.append(el('span', 'view-prefix', prefix), view.name);
    if (view.kind === 'room') {
      if (view.topic && view.topic.text) {
        appendRichText(topic, view.topic.text, null, null);
        topic.title = `Set by ${view.topic.nick}`;
      } else {
        topic.append(el('span', 'muted', view.joined ? 'No topic' : 'You are not in this room'));
        topic.title = '';
      }
      if (view.modes) {
        topic.append(el('span', 'modes', view.modes));
      }
      input.placeholder = `Message #${view.name}`;
    } else if (view.kind === 'priv') {
      topic.append(el('span', 'muted', 'Private conversation'));
      input.placeholder = `Message ${view.name}`;
    } else {
      input.placeholder = 'Type /join ROOM to enter a room';
    }
    leave.hidden = false;
    leave.textContent = view.kind === 'priv' ? 'Close' : 'Leave';
    membersButton.hidden = view.kind !== 'room';
    membersButton.textContent = `Members ${view.kind === 'room' ? view.members.length : ''}`;
  }

  renderMembers() {
    const view = this.state.activeView();
    const list = this.e.memberList;
    list.replaceChildren();
    if (!view || view.kind !== 'room') {
      this.e.memberCount.textContent = '';
      return;
    }
    this.e.memberCount.textContent = String(view.members.length);
    this.e.membersButton.textContent = `Members ${view.members.length}`;
    for (const member of sortMembers(view.members)) {
      const item = el('li');
      const button = el('button', 'member');
      button.type = 'button';
      button.dataset.nick = member.nick;
      const role = member.op ? '@' : member.voice ? '+' : '';
      const roleName = member.op ? 'operator' : member.voice ? 'voiced' : '';
      button.append(el('span', 'role', role), nickElement(member.nick));
      const away = this.state.away.get(member.nick.toLowerCase());
      let label = member.nick + (roleName ? `, ${roleName}` : '');
      if (away !== undefined) {
        button.classList.add('away');
        button.append(el('span', 'away-note', 'away'));
        button.title = `Away: ${away}`;
        label += `, away: ${away}`;
      }
      if (same(member.nick, this.state.me)) {
        button.classList.add('self');
        label += ' (you)';
      }
      button.setAttribute('aria-label', `${label}. Send a private message`);
      item.append(button);
      list.append(item);
    }
  }

  // ---- status

  status(text, kind, retry) {
    const { status, statusText, retryButton } = this.e;
    statusText.textContent = text;
    status.className = 'status ' + kind;
    status.hidden = !text;
    retryButton.hidden = !retry;
  }

  announce(text) {
    const region = this.e.announcer;
    region.textContent = '';
    window.setTimeout(() => {
      region.textContent = text;
    }, 50);
  }
}
