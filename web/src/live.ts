// Live updates: SignalR pushes hints ("something changed"), the change feed is the truth. On every
// hint, after every reconnect and when the browser comes back online, the client reads
// /api/changes?since=<last applied> until it has everything — one code path for live and catch-up.
import { HttpTransportType, HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from '@microsoft/signalr';
import type { Change, ChangePage } from './api/types';

export type LiveStatus = 'connecting' | 'online' | 'offline';

export interface LiveOptions {
  changes: (since: number) => Promise<ChangePage>;
  /** the last sequence the model contains */
  lastSequence: () => number;
  apply: (changes: Change[]) => Promise<void> | void;
  status: (s: LiveStatus) => void;
  hubUrl?: string;
}

export class LiveSync {
  private connection: HubConnection | null = null;
  private region: string | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private statusNow: LiveStatus = 'connecting';
  private stopped = false;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly o: LiveOptions) {
    if (typeof window !== 'undefined') {
      window.addEventListener('offline', () => { void this.goOffline(); });
      window.addEventListener('online', () => { void this.goOnline(); });
    }
  }

  get status(): LiveStatus { return this.statusNow; }

  private setStatus(s: LiveStatus): void {
    if (s === this.statusNow) return;
    this.statusNow = s;
    this.o.status(s);
  }

  async start(region: string | null): Promise<void> {
    this.region = region;
    this.stopped = false;
    if (!this.connection) this.connection = this.build();
    if (this.connection.state === HubConnectionState.Connected) {
      await this.watch();
      await this.catchUp();
      return;
    }
    if (this.connection.state !== HubConnectionState.Disconnected) return; // connecting/reconnecting: the reconnect handler watches
    this.setStatus('connecting');
    try {
      await this.connection.start();
      await this.watch();
      this.setStatus('online');
      await this.catchUp();
    } catch {
      this.setStatus('offline');
      this.scheduleRestart();
    }
  }

  /** Switch the watched region (the model has been reloaded by the caller). */
  async watchRegion(region: string | null): Promise<void> {
    this.region = region;
    if (this.connection?.state === HubConnectionState.Connected) await this.watch();
  }

  private build(): HubConnection {
    const c = new HubConnectionBuilder()
      // WebSockets straight away, without the negotiate request: the connection is one HTTP request, so behind a load
      // balancer it needs no sticky sessions (negotiate and connect could otherwise reach different instances).
      .withUrl(this.o.hubUrl ?? '/hubs/network', { transport: HttpTransportType.WebSockets, skipNegotiation: true })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(500 * 2 ** Math.min(ctx.previousRetryCount, 4), 5000) })
      .configureLogging(LogLevel.Warning)
      .build();
    c.on('Changed', () => { void this.catchUp(); });
    c.onreconnecting(() => this.setStatus('offline'));
    c.onreconnected(async () => {
      // groups are not kept across reconnects: join again, then read what we missed
      try { await this.watch(); } catch { /* the next reconnect retries */ }
      this.setStatus('online');
      await this.catchUp();
    });
    c.onclose(() => {
      this.setStatus('offline');
      if (!this.stopped) this.scheduleRestart();
    });
    return c;
  }

  private scheduleRestart(): void {
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => { if (!this.stopped && navigatorOnline()) void this.start(this.region); }, 2000);
  }

  private async watch(): Promise<void> {
    await this.connection?.invoke('Watch', this.region);
  }

  private async goOffline(): Promise<void> {
    this.setStatus('offline');
    this.stopped = true;
    clearTimeout(this.restartTimer);
    try { await this.connection?.stop(); } catch { /* already down */ }
  }

  private async goOnline(): Promise<void> {
    await this.start(this.region);
  }

  /** Read the change feed from the last applied sequence until there is no more. Serialised. */
  catchUp(): Promise<void> {
    if (this.running) { this.again = true; return this.running; }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          for (;;) {
            const page = await this.o.changes(this.o.lastSequence());
            if (page.changes.length) await this.o.apply(page.changes);
            if (!page.hasMore || !page.changes.length) break;
          }
        } while (this.again);
      } catch {
        // the server is unreachable; the reconnect or the next hint catches up
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    await this.connection?.stop();
  }
}

function navigatorOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}
