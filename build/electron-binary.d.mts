/** Absolute path of the installed Electron executable, or null when only the package is there. */
export function electronBinary(root: string): string | null;
