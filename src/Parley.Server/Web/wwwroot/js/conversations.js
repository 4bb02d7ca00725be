// What the page knows: one conversation per room ("#name") and per direct-message partner ("@nick"), each with
// its messages in server id order (history pages slot in where they belong; a message seen twice is kept once).

const MAX_MESSAGES = 1000;

export class Conversations {
  constructor() {
    this.byKey = new Map();
    this.current = null;
  }

  get(key) {
    let conversation = this.byKey.get(key);
    if (!conversation) {
      conversation = {
        key,
        kind: key.startsWith('@') ? 'direct' : 'room',
        name: key.startsWith('@') ? key.slice(1) : key,
        messages: [],
        members: new Set(),
        unread: 0,
        hasHistory: false, // stored messages were shown: "load earlier" may find more
        hasMore: true, // until a history page says there is nothing older
      };
      this.byKey.set(key, conversation);
    }
    return conversation;
  }

  has(key) {
    return this.byKey.has(key);
  }

  remove(key) {
    this.byKey.delete(key);
    if (this.current === key) {
      this.current = this.byKey.keys().next().value ?? null;
    }
  }

  rooms() {
    return [...this.byKey.values()].filter((c) => c.kind === 'room').map((c) => c.name);
  }

  // Adds an entry; returns false when it was a copy of one already there.
  add(key, entry) {
    const conversation = this.get(key);
    const list = conversation.messages;
    if (entry.id != null) {
      if (list.some((m) => m.id === entry.id)) {
        return false;
      }
      let at = list.length;
      while (at > 0 && (list[at - 1].id == null || list[at - 1].id > entry.id) && entry.history) {
        at -= 1;
      }
      list.splice(at, 0, entry);
    } else {
      list.push(entry);
    }
    if (list.length > MAX_MESSAGES) {
      list.splice(0, list.length - MAX_MESSAGES);
    }
    if (key !== this.current && !entry.history && entry.kind === 'message') {
      conversation.unread += 1;
    }
    return true;
  }

  oldestId(key) {
    const withId = this.get(key).messages.find((m) => m.id != null);
    return withId ? withId.id : null;
  }
}
