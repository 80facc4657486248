// How rooms, conversations and nicknames are told apart and ordered: case-insensitively, as the
// server compares them (ASCII case folding). Pure.

/** The key of the view that shows server replies while no conversation is open. */
export const SERVER_VIEW = 's:';
export const roomKey = (name) => 'r:' + name.toLowerCase();
export const privKey = (nick) => 'p:' + nick.toLowerCase();
export const same = (a, b) => typeof a === 'string' && typeof b === 'string'
  && a.toLowerCase() === b.toLowerCase();

/** Members sorted as a chat shows them: operators, then voiced, then the rest, by name. */
export function sortMembers(members) {
  const rank = (m) => (m.op ? 0 : m.voice ? 1 : 2);
  return [...members].sort((a, b) => rank(a) - rank(b)
    || a.nick.toLowerCase().localeCompare(b.nick.toLowerCase()));
}
