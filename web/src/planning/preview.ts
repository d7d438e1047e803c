// A live preview that follows its input: each change waits `delay` ms for the next (typing in a rule
// row asks once, not per key), then asks the server; only the answer to the latest question is shown,
// whatever order the answers come back in. The last good result stays visible while a new one loads.

export type PreviewStatus = 'idle' | 'waiting' | 'loading' | 'ready' | 'error';

export interface PreviewState<O> {
  status: PreviewStatus;
  result: O | null;
  error: unknown;
  /** the result belongs to an older input than the one shown now */
  stale: boolean;
}

export interface Timers {
  set(f: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (f, ms) => setTimeout(f, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class LivePreview<I, O> {
  private seq = 0;
  private timer: unknown = null;
  private pending: I | null = null;
  state: PreviewState<O> = { status: 'idle', result: null, error: null, stale: false };

  constructor(
    private readonly run: (input: I) => Promise<O>,
    private readonly onState: (s: PreviewState<O>) => void,
    private readonly delay = 400,
    private readonly timers: Timers = realTimers,
  ) {}

  /** The input changed: ask after the pause (a null input clears the preview). */
  request(input: I | null): void {
    this.cancelTimer();
    this.seq++;
    if (input === null) { this.set({ status: 'idle', result: null, error: null, stale: false }); return; }
    this.pending = input;
    this.set({ ...this.state, status: 'waiting', stale: this.state.result !== null });
    this.timer = this.timers.set(() => void this.flush(), this.delay);
  }

  /** Ask now for the pending input (e.g. before using the list); resolves with the latest result. */
  async flush(): Promise<O | null> {
    this.cancelTimer();
    const input = this.pending;
    if (input === null) return this.state.result;
    this.pending = null;
    const seq = ++this.seq;
    this.set({ ...this.state, status: 'loading' });
    try {
      const result = await this.run(input);
      if (seq === this.seq) this.set({ status: 'ready', result, error: null, stale: false });
    } catch (error) {
      if (seq === this.seq) this.set({ ...this.state, status: 'error', error });
    }
    return this.state.result;
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }

  private set(s: PreviewState<O>): void {
    this.state = s;
    this.onState(s);
  }
}
