import { shortPath } from '../paths';

/** A path shortened to its last parts, the full path on hover (and for screen readers). */
export function ShortPath({ path, className = '' }: { path: string; className?: string }) {
  return (
    <span className={`short-path mono ${className}`} title={path} aria-label={path} data-full-path={path}>
      {shortPath(path)}
    </span>
  );
}
