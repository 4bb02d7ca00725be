// The chat page: login, conversations, sending, and what each server frame does (docs/protocol-json.md).
import { ChatConnection } from './connection.js';
import { Conversations } from './conversations.js';
import * as view from './view.js';

const $ = (id) => document.getElementById(id);
const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;

const conversations = new Conversations();
let me = null; // our nickname once the server welcomed us
let wanted = null; // the nickname asked for (kept across reconnections)
let registered = false;
let shuttingDown = false;
const quietWho = new Map(); // room → who replies we asked for ourselves (for the member list, not shown)
const sent = []; // lines typed, for Up/Down
let recall = 0;

const connection = new ChatConnection(url, {
  onOpen: () => connection.send({ type: 'hello', user: wanted, version: 1 }),
  onFrame: handle,
  onDrop: (delay) => {
    registered = false;
    if (me === null) {
      view.showLogin('Cannot reach the server; trying again…');
    }
    const seconds = Math.max(1, Math.round(delay / 1000));
    view.banner(shuttingDown
      ? `The server is shutting down. Reconnecting in ${seconds} s…`
      : `Connection lost. Reconnecting in ${seconds} s…`);
  },
});

function refresh() {
  view.renderConversationList(conversations, select);
  view.renderConversation(conversations.current ? conversations.get(conversations.current) : null);
}

function select(key) {
  conversations.current = key;
  const conversation = conversations.get(key);
  conversation.unread = 0;
  if (conversation.kind === 'room') {
    // Makes it the server's current room too, so typed commands such as /who mean this room.
    connection.send({ type: 'join', room: key });
  }
  refresh();
  $('input').focus();
}

function note(kind, text, time) {
  const key = conversations.current ?? '#general';
  conversations.add(key, { kind, text, time: time ?? new Date() });
}

function timeOf(frame) {
  const time = frame.time ? new Date(frame.time) : new Date();
  return Number.isNaN(time.getTime()) ? new Date() : time;
}

function handle(frame) {
  switch (frame.type) {
    case 'welcome':
      welcome(frame);
      break;
    case 'message':
      chat(frame.room, frame);
      break;
    case 'direct':
      chat(`@${frame.user === me ? frame.to : frame.user}`, frame);
      break;
    case 'history':
      page(frame);
      break;
    case 'joined':
      joined(frame);
      break;
    case 'left':
      left(frame);
      break;
    case 'renamed':
      for (const conversation of conversations.byKey.values()) {
        if (conversation.members.delete(frame.user)) {
          conversation.members.add(frame.to);
        }
      }
      note('system', `${frame.user} is now known as ${frame.to}`, timeOf(frame));
      break;
    case 'notice':
      notice(frame);
      break;
    case 'error':
      error(frame);
      break;
    case 'shutdown':
      shuttingDown = true;
      view.banner(frame.text ? `The server is shutting down: ${frame.text}` : 'The server is shutting down.');
      break;
    default:
      return;
  }
  refresh();
}

function welcome(frame) {
  me = frame.user;
  registered = true;
  shuttingDown = false;
  connection.connected();
  view.banner(null);
  view.showChat(me);
  // After a reconnection: back into every room we were in (the server put us in the default room only).
  conversations.get(frame.room);
  conversations.current ??= frame.room;
  for (const room of conversations.rooms()) {
    if (room !== frame.room) {
      connection.send({ type: 'join', room });
    }
  }
  const current = conversations.current;
  if (current && current.startsWith('#') && current !== frame.room) {
    connection.send({ type: 'join', room: current });
  }
}

function askWho(room) {
  quietWho.set(room, (quietWho.get(room) ?? 0) + 1);
  connection.send({ type: 'who', room });
}

function chat(key, frame) {
  if (!key) {
    return;
  }
  const entry = {
    kind: 'message',
    id: frame.id ?? null,
    user: frame.user,
    text: frame.message ?? '',
    time: timeOf(frame),
    history: frame.history === true,
  };
  if (entry.history) {
    conversations.get(key).hasHistory = true;
  }
  if (entry.user === me) {
    // Our own message echoed back (--echo) or replayed from history: it is on screen already, without its id.
    const own = conversations.get(key).messages.find((m) => m.id == null && m.user === me && m.text === entry.text);
    if (own) {
      own.id = entry.id;
      return;
    }
  }
  conversations.add(key, entry);
}

// A page of stored messages asked for with "load earlier" (issue 10): {"type":"history","room":"#x",
// "messages":[...],"more":false}. Each message is a history frame; "more" says whether older ones exist.
function page(frame) {
  const key = frame.room ?? (frame.with ? `@${frame.with}` : null);
  if (!key || !Array.isArray(frame.messages)) {
    return;
  }
  for (const message of frame.messages) {
    chat(key, { ...message, history: true });
  }
  conversations.get(key).hasMore = frame.more === true;
}

function joined(frame) {
  const conversation = conversations.get(frame.room);
  conversation.members.add(frame.user);
  if (frame.user === me) {
    conversations.current = frame.room;
    conversation.unread = 0;
    askWho(frame.room);
  } else {
    conversations.add(frame.room, { kind: 'system', text: `${frame.user} joined ${frame.room}`, time: timeOf(frame) });
  }
}

function left(frame) {
  if (frame.user === me) {
    conversations.remove(frame.room);
    return;
  }
  if (conversations.has(frame.room)) {
    const conversation = conversations.get(frame.room);
    conversation.members.delete(frame.user);
    const why = frame.reason && frame.reason !== 'part' ? ` (${frame.reason})` : '';
    conversations.add(frame.room, { kind: 'system', text: `${frame.user} left ${frame.room}${why}`, time: timeOf(frame) });
  }
}

const WHO = /^In (#\S+) \((\d+)\): ?(.*)$/s;

function notice(frame) {
  const text = frame.text ?? '';
  if (frame.kind === 'who') {
    const match = WHO.exec(text);
    if (match) {
      const conversation = conversations.get(match[1]);
      conversation.members = new Set(match[3] ? match[3].split(', ') : []);
      const pending = quietWho.get(match[1]) ?? 0;
      if (pending > 0) {
        quietWho.set(match[1], pending - 1);
        return;
      }
    }
  }
  note(frame.kind === 'weather' ? 'weather' : 'system', text, timeOf(frame));
}

function error(frame) {
  const text = frame.text ?? frame.code ?? 'error';
  if (!registered && (frame.code === 'nick-taken' || frame.code === 'nick-invalid')) {
    if (me !== null) {
      // Our old connection still holds the nickname: try again shortly.
      connection.socket?.close();
      return;
    }
    view.showLogin(text);
    return;
  }
  note('error', text, timeOf(frame));
}

// What Enter does with a typed line: plain text goes to the conversation; /commands the page understands are
// sent as requests; any other line starting with / (or "weather") is the server's command interpreter's.
function submit(line) {
  const text = line.trim();
  if (!text) {
    return;
  }
  const current = conversations.current;
  const [command, ...rest] = text.split(/\s+/);
  const argument = rest.join(' ');
  switch (command.toLowerCase()) {
    case '/join':
      if (argument) {
        connection.send({ type: 'join', room: argument.startsWith('#') ? argument : `#${argument}` });
      }
      return;
    case '/part':
    case '/leave':
      connection.send({ type: 'part', room: argument || current });
      return;
    case '/who':
    case '/users':
      connection.send({ type: 'who', room: argument || (current?.startsWith('#') ? current : undefined) });
      return;
    case '/msg': {
      const space = argument.indexOf(' ');
      if (space > 0) {
        direct(argument.slice(0, space), argument.slice(space + 1));
      } else {
        note('error', 'Usage: /msg <nick> <text>');
        refresh();
      }
      return;
    }
    case '/quit':
      connection.send({ type: 'quit' });
      connection.close();
      me = null;
      conversations.byKey.clear();
      conversations.current = null;
      view.showLogin('You left the chat.');
      return;
    default:
      break;
  }
  if (current?.startsWith('@') && !text.startsWith('/')) {
    direct(current.slice(1), text);
    return;
  }
  connection.send({ type: 'message', message: text, room: current?.startsWith('#') ? current : undefined });
  if (!text.startsWith('/') && text.toLowerCase() !== 'weather' && current) {
    conversations.add(current, { kind: 'message', id: null, user: me, text, time: new Date() });
    refresh();
  }
}

function direct(nick, text) {
  connection.send({ type: 'msg', to: nick, message: text });
  const key = `@${nick}`;
  conversations.add(key, { kind: 'message', id: null, user: me, text, time: new Date() });
  conversations.current = key;
  refresh();
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  wanted = $('nick').value.trim();
  if (!wanted) {
    return;
  }
  $('login-error').textContent = '';
  if (connection.socket && connection.socket.readyState === WebSocket.OPEN && !registered) {
    connection.send({ type: 'hello', user: wanted, version: 1 });
  } else {
    connection.open();
  }
});

$('send-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = $('input');
  if (!registered) {
    return;
  }
  if (input.value.trim()) {
    sent.push(input.value);
  }
  recall = sent.length;
  submit(input.value);
  input.value = '';
});

// Up and Down walk through what you typed (only when the caret is at the start or the line is empty, so
// editing a line never jumps away); nothing already sent is ever edited.
$('input').addEventListener('keydown', (event) => {
  const input = event.currentTarget;
  if ((event.key !== 'ArrowUp' && event.key !== 'ArrowDown') || (input.value && input.selectionStart !== 0)) {
    return;
  }
  if (event.key === 'ArrowUp' && recall > 0) {
    recall -= 1;
  } else if (event.key === 'ArrowDown' && recall < sent.length) {
    recall += 1;
  } else {
    return;
  }
  event.preventDefault();
  input.value = sent[recall] ?? '';
});

$('join-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const room = $('join-room').value.trim();
  if (room) {
    connection.send({ type: 'join', room: room.startsWith('#') ? room : `#${room}` });
    $('join-room').value = '';
  }
});

$('leave').addEventListener('click', () => {
  if (conversations.current?.startsWith('#')) {
    connection.send({ type: 'part', room: conversations.current });
  }
});

$('load-earlier').addEventListener('click', () => {
  const key = conversations.current;
  const before = key ? conversations.oldestId(key) : null;
  if (before != null) {
    connection.send(key.startsWith('#') ? { type: 'history', room: key, before } : { type: 'history', with: key.slice(1), before });
  }
});
