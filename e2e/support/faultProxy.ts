import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does to a matching request:
 * - up: forward it;  down: reset the connection (the browser sees a network error);
 * - hang: hold it open, never answer;  drop-response: forward it, let the server commit, then
 *   reset the connection instead of answering;  error-500 / rate-limit: answer 500 / 429.
 * A request held by `hang` is reset when the next rule is set (the connection finally drops).
 */
export type FaultMode = 'up' | 'down' | 'hang' | 'drop-response' | 'error-500' | 'rate-limit';

export interface FaultRule {
  mode: FaultMode;
  /** Which paths the fault applies to; others are forwarded. Default: every /api/ path. */
  path?: RegExp;
  /** Apply the fault to this many matching requests, then forward again. Default: unlimited. */
  times?: number;
  /** Delay before handling each request, ms. */
  latencyMs?: number;
  /** rate-limit: the `Retry-After` it answers, in seconds. Default: 1. */
  retryAfterS?: number;
}

export interface SeenRequest {
  method: string;
  path: string;
  drainer: string | undefined;
  outcome: FaultMode;
  /** When the proxy received it, epoch ms. */
  at: number;
}

/** A push the server answered, as it crossed the proxy: what the client sent and what it got back. */
export interface PushExchange {
  request: { ops: { opId: string; kind: string; id: string }[] };
  response: { results: { opId: string; status: string }[] };
}

/** A small HTTP proxy in front of the real server that the tests steer. */
export class FaultProxy {
  readonly seen: SeenRequest[] = [];
  /** Every push answered 200 that reached the client, in the order the answers came. */
  readonly exchanges: PushExchange[] = [];
  private rule: Required<Omit<FaultRule, 'times'>> & { times: number } = { mode: 'up', path: /^\/api\//, times: Infinity, latencyMs: 0, retryAfterS: 1 };
  private readonly hung = new Set<http.ServerResponse>();
  /** Answers being forwarded (long-lived ones: the event stream), so going down can cut them. */
  private readonly forwarding = new Map<http.ServerResponse, string>();
  /** How many new versions `deploy()` has published (0: the build as it is). */
  private deploys = 0;

  private constructor(
    private readonly server: http.Server,
    private target: URL,
  ) {}

  static async start(target: string): Promise<FaultProxy> {
    const server = http.createServer();
    // Node closes a keep-alive connection after 5 idle seconds; a client that sends on it just
    // then gets ECONNRESET (seen in the bench: a sign-in 5 s after the previous request). Idle
    // connections stay open for longer than any run, and the clients close them.
    server.keepAliveTimeout = 10 * 60_000;
    const proxy = new FaultProxy(server, new URL(target));
    server.on('request', (req, res) => void proxy.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** The origin the browser uses (localhost: a secure context, so service workers run). */
  get url(): string {
    return `http://localhost:${(this.server.address() as AddressInfo).port}`;
  }

  /** Going down also cuts matching connections already open, as a lost network does. */
  set(rule: FaultRule): void {
    this.rule = { path: /^\/api\//, times: Infinity, latencyMs: 0, retryAfterS: 1, ...rule };
    if (this.rule.mode !== 'hang') {
      for (const res of this.hung) res.socket?.destroy();
      this.hung.clear();
    }
    if (this.rule.mode !== 'down') return;
    for (const [res, path] of this.forwarding) if (this.rule.path.test(path)) res.socket?.destroy();
  }

  /** From now on requests go to another server (a redeploy behind the same address). */
  retarget(target: string): void {
    this.target = new URL(target);
  }

  /** The whole origin is unreachable, app shell included. */
  down(): void {
    this.set({ mode: 'down', path: /.*/ });
  }

  up(): void {
    this.set({ mode: 'up' });
  }

  /**
   * A new version of the app goes live: from now on /sw.js answers with different bytes (a
   * comment appended), which is what makes a browser install a new service worker.
   */
  deploy(): void {
    this.deploys += 1;
  }

  pushes(): SeenRequest[] {
    return this.seen.filter((r) => r.path.startsWith('/api/sync/push'));
  }

  async close(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    const rule = this.rule;
    let mode: FaultMode = 'up';
    if (rule.mode !== 'up' && rule.path.test(path) && rule.times > 0) {
      mode = rule.mode;
      rule.times -= 1;
    }
    const drainer = req.headers['x-outpost-drainer'];
    this.seen.push({ method: req.method ?? 'GET', path, drainer: Array.isArray(drainer) ? drainer[0] : drainer, outcome: mode, at: Date.now() });
    if (process.env.OUTPOST_E2E_CONSOLE) console.log(`[proxy ${Date.now() % 100000}] ${req.method} ${path} ${mode} ${drainer ?? ''}`);
    if (rule.latencyMs > 0) await new Promise((r) => setTimeout(r, rule.latencyMs));

    switch (mode) {
      case 'down':
        req.socket.destroy();
        return;
      case 'hang':
        this.hung.add(res);
        return;
      case 'error-500':
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"code":"injected","message":"Injected failure"}}');
        return;
      case 'rate-limit':
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(rule.retryAfterS) }).end('{"error":{"code":"rate_limited","message":"Slow down"}}');
        return;
      case 'drop-response':
      case 'up':
        this.forward(req, res, mode === 'drop-response');
    }
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse, dropResponse: boolean): void {
    const headers = { ...req.headers, host: this.target.host };
    if (this.deploys > 0 && req.url?.split('?')[0] === '/sw.js') {
      // The server's copy did not change: a revalidation would answer 304 Not Modified.
      delete headers['if-none-match'];
      delete headers['if-modified-since'];
      // The deploy appends to the script: it must come as it is, not as its Brotli or gzip copy.
      delete headers['accept-encoding'];
    }
    const upstream = http.request(
      {
        host: this.target.hostname,
        port: this.target.port,
        method: req.method,
        path: req.url,
        headers,
      },
      (answer) => {
        if (dropResponse) {
          // The server has committed; the client never learns the outcome.
          answer.resume();
          answer.on('end', () => req.socket.destroy());
          return;
        }
        if (this.deploys > 0 && req.url?.split('?')[0] === '/sw.js' && answer.statusCode === 200) {
          const { 'content-length': _length, etag: _etag, 'last-modified': _modified, ...headers } = answer.headers;
          res.writeHead(200, headers);
          answer.pipe(res, { end: false });
          answer.on('end', () => res.end(`\n// deploy ${this.deploys}\n`));
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        if (answer.statusCode === 200 && req.url?.startsWith('/api/sync/push')) this.recordPush(requestBody, answer);
        this.forwarding.set(res, req.url ?? '/');
        res.on('close', () => {
          this.forwarding.delete(res);
          upstream.destroy();
        });
        answer.pipe(res);
      },
    );
    upstream.on('error', () => req.socket.destroy());
    const requestBody: Buffer[] = [];
    if (req.url?.startsWith('/api/sync/push')) req.on('data', (chunk: Buffer) => requestBody.push(chunk));
    req.pipe(upstream);
  }

  private recordPush(requestBody: Buffer[], answer: http.IncomingMessage): void {
    const responseBody: Buffer[] = [];
    answer.on('data', (chunk: Buffer) => responseBody.push(chunk));
    answer.on('end', () => {
      this.exchanges.push({
        request: JSON.parse(Buffer.concat(requestBody).toString('utf8')) as PushExchange['request'],
        response: JSON.parse(Buffer.concat(responseBody).toString('utf8')) as PushExchange['response'],
      });
    });
  }
}
