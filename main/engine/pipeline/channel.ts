/**
 * A bounded async queue between two loops: `push` waits while it is full, `pull` waits while it
 * is empty. It is what lets decoding, stage work and encoding overlap with bounded memory.
 */
export class Channel<T> {
  private readonly items: T[] = [];
  private closed = false;
  private failure: unknown;
  private wakeReaders: (() => void)[] = [];
  private wakeWriters: (() => void)[] = [];

  constructor(private readonly capacity: number) {}

  async push(item: T): Promise<void> {
    while (this.items.length >= this.capacity && !this.closed) await new Promise<void>((r) => this.wakeWriters.push(r));
    if (this.failure) throw this.failure;
    if (this.closed) return;
    this.items.push(item);
    this.wake(this.wakeReaders);
  }

  /** The next item, or undefined once the channel is closed and drained. */
  async pull(): Promise<T | undefined> {
    while (this.items.length === 0 && !this.closed) await new Promise<void>((r) => this.wakeReaders.push(r));
    if (this.failure) throw this.failure;
    const item = this.items.shift();
    this.wake(this.wakeWriters);
    return item;
  }

  /** No more items; readers drain what is left. */
  close(): void {
    this.closed = true;
    this.wake(this.wakeReaders);
    this.wake(this.wakeWriters);
  }

  /** Stops both sides: the next push or pull throws the error. */
  fail(error: unknown): void {
    this.failure ??= error;
    this.items.length = 0;
    this.close();
  }

  private wake(list: (() => void)[]): void {
    for (const r of list.splice(0)) r();
  }
}
