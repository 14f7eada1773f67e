/**
 * Per-project edit history. Each edit records how to undo and redo itself against the store
 * (closures over the exact records involved), so undo works for any edit the API knows.
 * Kept in memory for the session: the store holds the state, not the path that led to it.
 */
export interface Command {
  label: string;
  undo(): void;
  redo(): void;
}

export class History {
  private readonly done: Command[] = [];
  private readonly undone: Command[] = [];

  constructor(private readonly limit = 200) {}

  /** Records an edit that has just been applied. */
  push(cmd: Command): void {
    this.done.push(cmd);
    if (this.done.length > this.limit) this.done.shift();
    this.undone.length = 0;
  }

  undo(): Command | undefined {
    const cmd = this.done.pop();
    if (!cmd) return undefined;
    cmd.undo();
    this.undone.push(cmd);
    return cmd;
  }

  redo(): Command | undefined {
    const cmd = this.undone.pop();
    if (!cmd) return undefined;
    cmd.redo();
    this.done.push(cmd);
    return cmd;
  }

  state() {
    return {
      canUndo: this.done.length > 0,
      canRedo: this.undone.length > 0,
      undoLabel: this.done.at(-1)?.label ?? null,
      redoLabel: this.undone.at(-1)?.label ?? null,
    };
  }
}
