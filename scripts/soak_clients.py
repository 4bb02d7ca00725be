#!/usr/bin/env python3
"""Background load for scripts/soak.sh (standard library only): clients joining and leaving, and one flooder.

  python3 scripts/soak_clients.py --text PORT --json PORT --irc PORT --seconds N --stats FILE

Churn: every --churn-interval seconds a new client connects on one of the text, JSON and IRC listeners in turn,
registers, joins the bench room (#general, so the bench's 500 clients see its join and part), says one line,
sometimes joins and parts a room of its own, and leaves after a short random life: politely (quit) two times
in three, by dropping the socket otherwise. Every tenth client sends garbage instead of a handshake (random
bytes, an oversize line) and drops. The flooder is one JSON client in #flood sending --flood-rate messages per
second in bursts, with one JSON reader in #flood; both reconnect when the server drops them. Counts go to
--stats as key=value lines when the run ends.
"""
import argparse
import asyncio
import os
import random
import time

counts = {
    "churn_started": 0, "churn_completed": 0, "churn_failed": 0, "garbage_clients": 0,
    "flood_sent": 0, "flood_reconnects": 0, "flood_read_bytes": 0,
}


async def drain(reader):
    """Reads and discards until the server closes; returns the bytes read."""
    total = 0
    try:
        while True:
            chunk = await reader.read(65536)
            if not chunk:
                return total
            total += len(chunk)
    except (ConnectionError, OSError, asyncio.CancelledError):
        return total


async def close(writer, polite):
    try:
        if not polite:
            transport = writer.transport
            transport.abort()
            return
        writer.close()
        await asyncio.wait_for(writer.wait_closed(), 5)
    except (ConnectionError, OSError, asyncio.TimeoutError):
        pass


async def churn_client(args, index):
    kind = ("text", "json", "irc")[index % 3]
    port = {"text": args.text, "json": args.json, "irc": args.irc}[kind]
    nick = f"churn{index}"
    counts["churn_started"] += 1
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 10)
    except (ConnectionError, OSError, asyncio.TimeoutError):
        counts["churn_failed"] += 1
        return
    reading = None
    try:
        if kind == "text" and index % 10 != 9:
            # The text port prompts with NICK after a grace period of silence; a nickname sent earlier is not one.
            await asyncio.wait_for(reader.readuntil(b"NICK"), 10)
        reading = asyncio.create_task(drain(reader))
        if index % 10 == 9:
            counts["garbage_clients"] += 1
            writer.write(os.urandom(random.randint(1, 4096)))
            if random.random() < 0.5:
                writer.write(b"x" * 20000 + b"\n")
            await writer.drain()
            await close(writer, polite=False)
            return
        own_room = f"#churn{index % 7}"
        if kind == "text":
            writer.write(f"{nick}\n".encode())
            writer.write(f"hello from {nick}\n".encode())
        elif kind == "json":
            writer.write(f'{{"type":"hello","user":"{nick}","version":1}}\n'.encode())
            writer.write(f'{{"type":"message","message":"hello from {nick}"}}\n'.encode())
            if index % 2 == 0:
                writer.write(f'{{"type":"join","room":"{own_room}"}}\n{{"type":"part","room":"{own_room}"}}\n'.encode())
        else:
            writer.write(f"NICK {nick}\r\nUSER {nick} 0 * :soak\r\nJOIN #general\r\n".encode())
            writer.write(f"PRIVMSG #general :hello from {nick}\r\nJOIN {own_room}\r\nPART {own_room}\r\n".encode())
        await writer.drain()
        await asyncio.sleep(random.uniform(0.5, args.max_life))
        polite = index % 3 != 2
        if polite:
            writer.write({"text": b"/quit\n", "json": b'{"type":"quit"}\n', "irc": b"QUIT :bye\r\n"}[kind])
            await writer.drain()
        await close(writer, polite)
        counts["churn_completed"] += 1
    except (ConnectionError, OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
        counts["churn_failed"] += 1
        await close(writer, polite=False)
    finally:
        if reading is not None:
            reading.cancel()


async def churn(args, deadline):
    index = 0
    tasks = set()
    while time.monotonic() < deadline:
        task = asyncio.create_task(churn_client(args, index))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
        index += 1
        await asyncio.sleep(args.churn_interval)
    await asyncio.gather(*tasks, return_exceptions=True)


async def json_member(port, nick, room):
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 10)
    writer.write(f'{{"type":"hello","user":"{nick}","version":1}}\n{{"type":"join","room":"{room}"}}\n'.encode())
    await writer.drain()
    return reader, writer


async def flood_reader(args, deadline):
    while time.monotonic() < deadline:
        try:
            reader, writer = await json_member(args.json, "floodreader", "#flood")
            remaining = max(0.1, deadline - time.monotonic())
            try:
                counts["flood_read_bytes"] += await asyncio.wait_for(drain(reader), remaining)
            except asyncio.TimeoutError:
                pass
            await close(writer, polite=False)
        except (ConnectionError, OSError, asyncio.TimeoutError):
            pass
        counts["flood_reconnects"] += 1
        await asyncio.sleep(1)


async def flooder(args, deadline):
    burst = max(1, args.flood_rate // 20)
    line = b'{"type":"message","message":"' + b"f" * 100 + b'"}\n'
    while time.monotonic() < deadline:
        try:
            reader, writer = await json_member(args.json, "flooder", "#flood")
            reading = asyncio.create_task(drain(reader))
            next_burst = time.monotonic()
            while time.monotonic() < deadline and not reading.done():
                writer.write(line * burst)
                # The server may stop reading a sender it cannot keep up with: never wait past the deadline.
                await asyncio.wait_for(writer.drain(), max(0.1, deadline - time.monotonic()))
                counts["flood_sent"] += burst
                next_burst += 0.05
                await asyncio.sleep(max(0, next_burst - time.monotonic()))
            reading.cancel()
            await close(writer, polite=False)
        except (ConnectionError, OSError, asyncio.TimeoutError):
            pass
        if time.monotonic() < deadline:
            counts["flood_reconnects"] += 1
            await asyncio.sleep(1)


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--text", type=int, required=True)
    parser.add_argument("--json", type=int, required=True)
    parser.add_argument("--irc", type=int, required=True)
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--churn-interval", type=float, default=0.5)
    parser.add_argument("--max-life", type=float, default=5.0)
    parser.add_argument("--flood-rate", type=int, default=1000)
    parser.add_argument("--stats", required=True)
    args = parser.parse_args()
    random.seed(12)
    deadline = time.monotonic() + args.seconds
    try:
        await asyncio.wait_for(
            asyncio.gather(churn(args, deadline), flooder(args, deadline), flood_reader(args, deadline)), args.seconds + 30)
    except asyncio.TimeoutError:
        counts["stuck_at_end"] = 1
    with open(args.stats, "w", encoding="ascii") as stats:
        for key, value in counts.items():
            stats.write(f"{key}={value}\n")


if __name__ == "__main__":
    asyncio.run(main())
