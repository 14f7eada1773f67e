/**
 * Paths as people read them: the last folder and the file name, with the rest elided. The full
 * path goes in a tooltip (ShortPath), never cut off at the edge of a box.
 */
export function shortPath(path: string, home?: string): string {
  const p = home && path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
  const parts = p.split(/[\\/]/).filter(Boolean);
  if (parts.length <= 3) return p;
  const root = p.startsWith('~') ? '~' : p.startsWith('/') ? '' : parts[0];
  return `${root}/…/${parts.slice(-2).join('/')}`;
}

const PATH_RE = /(?:~|[A-Za-z]:)?(?:[\\/][^\s\\/:,;()`'"]+){2,}/g;

/** A message for people: paths in it shortened (the full text stays in the tooltip). */
export function shortenPaths(message: string): string {
  return message.replace(PATH_RE, (p) => shortPath(p));
}

/** The preview's reason for showing the original, in words for people. */
export function lipsyncReason(reason: string): string {
  if (/model .*(is not in|could not be downloaded)|face_(detection|landmark)/i.test(reason)) {
    return 'Lip-sync needs the face models — see Models';
  }
  return `Lip-sync unavailable — ${shortenPaths(reason)}`;
}
