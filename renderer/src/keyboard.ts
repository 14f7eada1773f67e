import { useEffect } from 'react';
import { useLatest } from './state/useDerivedState';

export interface ShortcutActions {
  togglePlay(): void;
  shuttle(direction: -1 | 0 | 1): void;
  stepFrames(n: number): void;
  markIn(): void;
  markOut(): void;
  split(): void;
  undo(): void;
  redo(): void;
  zoom(factor: number): void;
  /** Enter: render In to Out. */
  renderInOut(): void;
}

const TEXT_INPUT = new Set(['text', 'search', 'url', 'email', 'password', 'number', 'tel']);

/** Where the key belongs to the focused control, not to the editor. */
function ownsKeys(el: Element | null, key: string, mod: boolean): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement) return true;
  if (el instanceof HTMLInputElement && TEXT_INPUT.has(el.type)) return true;
  if (el.closest('dialog')) return true;
  // Enter on a focused button or link is its click.
  if (key === 'Enter' && (el instanceof HTMLButtonElement || el instanceof HTMLAnchorElement)) return true;
  // Undo/redo make sense anywhere outside text fields (a select has no undo of its own).
  if (mod) return false;
  if (el instanceof HTMLSelectElement) return true;
  // A range input, or a control that moves itself with the arrows (the wipe divider); not the ruler, whose arrows step frames.
  const slider = (el instanceof HTMLInputElement && el.type === 'range') || el.hasAttribute('data-owns-arrows');
  if (slider) return key.startsWith('Arrow') || key === 'Home' || key === 'End';
  return false;
}

/** The NLE keyboard of docs/reference.md §6: Space, J/K/L, ←/→, I/O, S, Ctrl/Cmd+Z, +/-, Enter. */
export function useShortcuts(actions: ShortcutActions, enabled: boolean): void {
  const ref = useLatest(actions);
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      // The target too: a field that handles Enter by blurring itself has left activeElement by now.
      const target = e.target instanceof Element ? e.target : null;
      if (e.altKey || ownsKeys(document.activeElement, e.key, mod) || ownsKeys(target, e.key, mod)) return;
      const a = ref.current;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      let handled = true;
      if (mod && key === 'z') (e.shiftKey ? a.redo : a.undo)();
      else if (mod && key === 'y') a.redo();
      else if (mod) handled = false;
      else if (key === ' ') a.togglePlay();
      else if (key === 'j') a.shuttle(-1);
      else if (key === 'k') a.shuttle(0);
      else if (key === 'l') a.shuttle(1);
      else if (key === 'ArrowLeft') a.stepFrames(e.shiftKey ? -10 : -1);
      else if (key === 'ArrowRight') a.stepFrames(e.shiftKey ? 10 : 1);
      else if (key === 'i') a.markIn();
      else if (key === 'o') a.markOut();
      else if (key === 's') a.split();
      else if (key === '+' || key === '=') a.zoom(1.5);
      else if (key === '-' || key === '_') a.zoom(1 / 1.5);
      else if (key === 'Enter') a.renderInOut();
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, ref]);
}
