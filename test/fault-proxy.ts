/**
 * A TCP proxy in front of the test database that a test can take down and
 * bring back: "up" forwards; "refuse" drops every connection at once (the
 * server stopped); "blackhole" drops the open ones and leaves new ones
 * unanswered (a network partition, a failover in progress).
 */
import net from "node:net";

export type FaultMode = "up" | "refuse" | "blackhole";

export async function startFaultProxy(databaseUrl: string) {
  const target = new URL(databaseUrl);
  let mode: FaultMode = "up";
  const open = new Set<net.Socket>();
  const held = new Set<net.Socket>();
  const track = (socket: net.Socket, set: Set<net.Socket>) => {
    set.add(socket);
    socket.on("close", () => set.delete(socket));
    socket.on("error", () => socket.destroy());
  };

  const server = net.createServer((socket) => {
    if (mode === "refuse") return void socket.destroy();
    if (mode === "blackhole") return track(socket, held);
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    track(socket, open);
    track(upstream, open);
    socket.on("close", () => upstream.destroy());
    upstream.on("close", () => socket.destroy());
    socket.pipe(upstream).pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String((server.address() as net.AddressInfo).port);

  return {
    /** The database's URL through the proxy. */
    url: url.toString(),
    set(next: FaultMode) {
      mode = next;
      if (next !== "up") for (const socket of open) socket.destroy();
      if (next !== "blackhole") for (const socket of held) socket.destroy();
    },
    async close() {
      this.set("refuse");
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
