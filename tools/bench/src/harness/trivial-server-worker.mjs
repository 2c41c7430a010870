// The least a server can do: a client-credentials token route and one small JSON list, on its
// own thread. It measures the client, not the server.
import { createServer } from "node:http";
import { parentPort, workerData } from "node:worker_threads";

const ttlSeconds = workerData?.tokenTtlSeconds ?? 3600;
let issued = 0;
let tokenRequests = 0;
const live = new Set();
const apps = JSON.stringify([{ app_id: "a1", app_name: "Box", app_type: "box" }, { app_id: "a2", app_name: "Slack", app_type: "slack" }]);
const totalItems = workerData?.totalItems ?? 100_000;
const pageCache = new Map();
function page(offset, limit) {
  const key = `${offset}/${limit}`;
  let body = pageCache.get(key);
  if (!body) {
    const resources = [];
    for (let i = offset; i < Math.min(totalItems, offset + limit); i++) resources.push({ incident_id: `i${i}`, severity: "low", status: "open" });
    body = JSON.stringify({ resources, nextPath: `/incident/api/incidents/delta?limit=${limit}&offset=${offset + limit}` });
    pageCache.set(key, body);
  }
  return body;
}

const server = createServer((request, response) => {
  const url = new URL(request.url, "http://x");
  if (request.method === "POST" && url.pathname === "/oauth/token") {
    request.resume();
    request.on("end", () => {
      tokenRequests++;
      const token = `t${++issued}`;
      live.add(token);
      setTimeout(() => live.delete(token), ttlSeconds * 1000).unref();
      const body = JSON.stringify({ access_token: token, token_type: "Bearer", expires_in: ttlSeconds });
      response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
    });
    return;
  }
  const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1];
  if (!token || !live.has(token)) {
    response.writeHead(401, { "content-type": "application/json" }).end('{"error":"invalid_token"}');
    return;
  }
  if (url.pathname === "/incident/api/incidents/delta") {
    // Pages of `limit` small items, `total` in all, in Palo Alto's next-path shape; pages are
    // made once and kept, so the server's share stays constant.
    const limit = Number(url.searchParams.get("limit") ?? 50);
    const offset = Number(url.searchParams.get("offset") ?? 0);
    const body = page(offset, limit);
    response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
    return;
  }
  if (url.pathname === "/incident/api/apps") {
    response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(apps) }).end(apps);
    return;
  }
  response.writeHead(404).end();
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => parentPort.postMessage({ url: `http://127.0.0.1:${server.address().port}` }));
parentPort.on("message", (message) => {
  if (message === "close") server.close(() => parentPort.postMessage("closed"));
  if (message === "stats") parentPort.postMessage({ tokenRequests });
});
