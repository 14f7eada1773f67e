import { RedubError } from '../errors';
import { UNDOABLE_TABLES } from './migrations';
import { type Db, guard, type Row } from './sql';

/**
 * Undo/redo that survives closing the project. Triggers (migration v2) log the inverse of
 * every change to segments, dub tracks and dub clips made inside `record()`; undo replays a
 * step's inverses newest-first while the triggers log *their* inverses as the redo step.
 * Job, render and cache tables are deliberately outside history: they are not edits.
 */
export const DEFAULT_UNDO_LIMIT = 200;

type Stack = 'undo' | 'redo';

interface EditRow {
  table_name: string;
  action: 'insert' | 'update' | 'delete';
  row_id: string;
  data: string | null;
}

export class EditHistory {
  private depth = 0;

  constructor(
    private readonly db: Db,
    private readonly limit = DEFAULT_UNDO_LIMIT,
  ) {}

  /**
   * Runs fn as one undo step named `label` (nested calls join the outer step) in one
   * transaction. A new edit discards the redo stack, as in every editor.
   */
  record<T>(label: string, fn: () => T): T {
    if (this.depth > 0) return fn();
    return this.db
      .transaction(() => {
        const step = this.newStep('undo', label);
        const result = this.recording(step, fn);
        if (this.isEmpty(step)) this.db.prepare('DELETE FROM edit_steps WHERE id = ?').run(step);
        else {
          this.db.prepare("DELETE FROM edit_steps WHERE stack = 'redo'").run();
          this.db.prepare('UPDATE projects SET updated_at = ?').run(Date.now()); // "modified" for the editor
          this.prune();
        }
        return result;
      })
      .immediate();
  }

  /** Reverts the newest step; returns its label, or undefined if there is nothing to undo. */
  undo(): string | undefined {
    return guard(() => this.move('undo', 'redo'));
  }

  /** Fails (INVALID_ARGUMENT, nothing changed) if the step no longer fits, e.g. its media was removed. */
  redo(): string | undefined {
    return guard(() => this.move('redo', 'undo'));
  }

  /** Label of the step undo() would revert. */
  peekUndo(): string | undefined {
    return this.top('undo')?.label as string | undefined;
  }

  peekRedo(): string | undefined {
    return this.top('redo')?.label as string | undefined;
  }

  clear(): void {
    this.db.prepare('DELETE FROM edit_steps').run();
  }

  private move(from: Stack, to: Stack): string | undefined {
    return this.db
      .transaction(() => {
        const step = this.top(from);
        if (!step) return undefined;
        const ops = this.db.prepare('SELECT * FROM edits WHERE step_id = ? ORDER BY seq DESC').all(step.id) as EditRow[];
        // Replayed rows may briefly violate foreign keys (a clip re-inserted before its track).
        this.db.pragma('defer_foreign_keys = ON');
        const target = this.newStep(to, step.label as string);
        this.recording(target, () => ops.forEach((op) => this.apply(op)));
        this.db.prepare('DELETE FROM edit_steps WHERE id = ?').run(step.id);
        return step.label as string;
      })
      .immediate();
  }

  private recording<T>(step: number, fn: () => T): T {
    const state = this.db.prepare('UPDATE edit_state SET recording_step = ?');
    state.run(step);
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
      state.run(null);
    }
  }

  private newStep(stack: Stack, label: string): number {
    const r = this.db.prepare('INSERT INTO edit_steps (stack, label, created_at) VALUES (?, ?, ?)').run(stack, label, Date.now());
    return Number(r.lastInsertRowid);
  }

  private top(stack: Stack): Row | undefined {
    return this.db.prepare('SELECT * FROM edit_steps WHERE stack = ? ORDER BY id DESC LIMIT 1').get(stack) as Row | undefined;
  }

  private isEmpty(step: number): boolean {
    return !this.db.prepare('SELECT 1 FROM edits WHERE step_id = ? LIMIT 1').get(step);
  }

  private prune(): void {
    this.db
      .prepare(
        `DELETE FROM edit_steps WHERE stack = 'undo' AND id NOT IN
           (SELECT id FROM edit_steps WHERE stack = 'undo' ORDER BY id DESC LIMIT ?)`,
      )
      .run(this.limit);
  }

  /** Builds the statement from whitelisted table and column names only; values are bound. */
  private apply(op: EditRow): void {
    const spec = UNDOABLE_TABLES[op.table_name];
    if (!spec) throw new RedubError('PROJECT_CORRUPT', `undo history names an unknown table "${op.table_name}"`);
    const t = op.table_name;
    if (op.action === 'delete') {
      this.db.prepare(`DELETE FROM ${t} WHERE id = ?`).run(op.row_id);
      return;
    }
    const data = JSON.parse(op.data ?? '{}') as Row;
    const allowed = op.action === 'insert' ? spec.columns : spec.restorable;
    const cols = allowed.filter((c) => c in data);
    const values = cols.map((c) => data[c]);
    if (op.action === 'insert') {
      this.db.prepare(`INSERT INTO ${t} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...values);
    } else {
      this.db.prepare(`UPDATE ${t} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...values, op.row_id);
    }
  }
}
