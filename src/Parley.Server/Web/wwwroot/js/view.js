// Rendering. Every piece of text a user or the server wrote goes in through textContent, never innerHTML, so a
// message such as <img src=x onerror=alert(1)> is shown as those characters.

const $ = (id) => document.getElementById(id);

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text != null) {
    node.textContent = text;
  }
  return node;
}

// A stable hue per nickname, so each sender keeps one colour.
function hue(nick) {
  let hash = 0;
  for (const ch of nick) {
    hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  }
  return hash % 360;
}

function timeLabel(time) {
  return time.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

const WEATHER_DAY = /^(\w{3}) (\d{4}-\d{2}-\d{2}): high (-?\d+)°F \((-?\d+)°C\), low (-?\d+)°F \((-?\d+)°C\)$/;

// The server's weather notice is a heading line, then one line per day, then an optional note (docs/client.md).
function weatherCard(text) {
  const lines = text.split('\n');
  const days = lines.slice(1).map((line) => WEATHER_DAY.exec(line)).filter(Boolean);
  if (days.length === 0) {
    return null;
  }
  const card = element('div', 'weather');
  card.append(element('h4', null, lines[0]));
  const grid = element('div', 'days');
  for (const [, name, date, highF, highC, lowF, lowC] of days) {
    const day = element('div', 'day');
    day.title = date;
    day.append(element('div', 'name', name), element('div', 'high', `${highF}°F`), element('div', 'low', `${lowF}°F · ${highC}/${lowC}°C`));
    grid.append(day);
  }
  card.append(grid);
  const note = lines.slice(1).filter((line) => !WEATHER_DAY.test(line)).join('\n');
  if (note) {
    card.append(element('p', 'note', note));
  }
  return card;
}

function messageItem(entry) {
  const item = element('li', entry.history ? 'history' : null);
  item.dataset.kind = entry.kind;
  if (entry.id != null) {
    item.dataset.id = String(entry.id);
  }
  const time = element('time', 'time', timeLabel(entry.time));
  time.dateTime = entry.time.toISOString();
  time.title = entry.time.toLocaleString();
  item.append(time);
  if (entry.kind === 'message') {
    const sender = element('span', 'sender', entry.user);
    sender.style.setProperty('--hue', String(hue(entry.user)));
    item.append(sender, element('span', 'text', entry.text));
  } else if (entry.kind === 'weather') {
    item.append(weatherCard(entry.text) ?? element('span', 'system', entry.text));
  } else {
    item.append(element('span', entry.kind === 'error' ? 'error-line' : 'system', entry.text));
  }
  return item;
}

export function showLogin(error) {
  $('chat').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = error ?? '';
  $('nick').focus();
}

export function showChat(me) {
  $('login').hidden = true;
  $('chat').hidden = false;
  $('me').textContent = me;
  $('input').focus();
}

export function banner(text) {
  const node = $('banner');
  node.textContent = text ?? '';
  node.hidden = !text;
}

export function renderConversationList(conversations, onSelect) {
  const list = $('conversations');
  list.replaceChildren();
  for (const conversation of conversations.byKey.values()) {
    const button = element('button');
    button.type = 'button';
    button.dataset.key = conversation.key;
    button.setAttribute('aria-current', String(conversation.key === conversations.current));
    button.append(element('span', 'name', conversation.kind === 'direct' ? `@${conversation.name}` : conversation.name));
    if (conversation.unread > 0) {
      button.append(element('span', 'unread', String(conversation.unread)));
    }
    button.addEventListener('click', () => onSelect(conversation.key));
    const item = element('li');
    item.append(button);
    list.append(item);
  }
}

export function renderConversation(conversation) {
  const list = $('messages');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  $('title').textContent = conversation ? (conversation.kind === 'direct' ? `@${conversation.name}` : conversation.name) : '';
  $('leave').hidden = !conversation || conversation.kind !== 'room';
  $('load-earlier').hidden = !conversation || !conversation.hasHistory || !conversation.hasMore;
  list.replaceChildren(...(conversation ? conversation.messages.map(messageItem) : []));
  const members = $('members');
  members.replaceChildren(...(conversation ? [...conversation.members].sort().map((nick) => element('li', null, nick)) : []));
  if (atBottom) {
    list.scrollTop = list.scrollHeight;
  }
}
