// One WebSocket to /ws speaking the JSON-lines protocol (one JSON object per text message), reopened with
// exponential backoff and jitter after it drops, until close() is called.

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];
const PING_MS = 240_000; // well inside the server's idle timeout

export class ChatConnection {
  constructor(url, { onOpen, onFrame, onDrop }) {
    this.url = url;
    this.onOpen = onOpen;
    this.onFrame = onFrame;
    this.onDrop = onDrop;
    this.attempt = 0;
    this.closedByUs = false;
    this.socket = null;
    this.timer = null;
    this.ping = null;
  }

  open() {
    this.closedByUs = false;
    clearTimeout(this.timer);
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.ping = setInterval(() => this.send({ type: 'ping' }), PING_MS);
      this.onOpen();
    });
    socket.addEventListener('message', (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (frame && typeof frame === 'object') {
        this.onFrame(frame);
      }
    });
    socket.addEventListener('close', () => {
      clearInterval(this.ping);
      if (this.socket !== socket || this.closedByUs) {
        return;
      }
      const delay = this.nextDelay();
      this.onDrop(delay);
      this.timer = setTimeout(() => this.open(), delay);
    });
  }

  // Called once the server accepted us again: the next drop starts the backoff from the beginning.
  connected() {
    this.attempt = 0;
  }

  nextDelay() {
    const base = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    this.attempt += 1;
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  send(frame) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  close() {
    this.closedByUs = true;
    clearTimeout(this.timer);
    clearInterval(this.ping);
    if (this.socket) {
      this.socket.close(1000);
    }
  }
}
