/**
 * The subset of Electron's API this folder uses, for type-checking where the `electron`
 * package is absent (it is an optionalDependency whose binary download fails offline, and
 * npm then drops the package, types included). Where `electron` is installed, delete this
 * file: the package's own electron.d.ts declares the same module.
 */
declare module 'electron' {
  interface IpcMainInvokeEvent {
    senderFrame: { url: string } | null;
  }
  export const app: {
    whenReady(): Promise<void>;
    enableSandbox(): void;
    quit(): void;
    getVersion(): string;
    isPackaged: boolean;
    requestSingleInstanceLock(): boolean;
    on(event: 'window-all-closed' | 'activate' | 'second-instance' | 'before-quit', listener: () => void): void;
    on(event: 'web-contents-created', listener: (e: unknown, contents: WebContents) => void): void;
  };
  export interface WebContents {
    send(channel: string, ...args: unknown[]): void;
    on(event: 'will-navigate' | 'will-redirect', listener: (e: { preventDefault(): void }, url: string) => void): void;
    on(event: 'will-attach-webview', listener: (e: { preventDefault(): void }) => void): void;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' | 'allow' }): void;
    isDestroyed(): boolean;
  }
  export interface BrowserWindowOptions {
    width?: number;
    height?: number;
    minWidth?: number;
    minHeight?: number;
    show?: boolean;
    title?: string;
    backgroundColor?: string;
    webPreferences?: {
      preload?: string;
      contextIsolation?: boolean;
      sandbox?: boolean;
      nodeIntegration?: boolean;
      nodeIntegrationInWorker?: boolean;
      webSecurity?: boolean;
      allowRunningInsecureContent?: boolean;
      webviewTag?: boolean;
      spellcheck?: boolean;
      navigateOnDragDrop?: boolean;
    };
  }
  export class BrowserWindow {
    constructor(options: BrowserWindowOptions);
    static getAllWindows(): BrowserWindow[];
    webContents: WebContents;
    loadURL(url: string): Promise<void>;
    once(event: 'ready-to-show', listener: () => void): void;
    on(event: 'closed', listener: () => void): void;
    show(): void;
    focus(): void;
    isDestroyed(): boolean;
  }
  export const ipcMain: {
    handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  };
  export const dialog: {
    showOpenDialog(
      window: BrowserWindow,
      options: { title?: string; properties: string[]; filters?: { name: string; extensions: string[] }[] },
    ): Promise<{ canceled: boolean; filePaths: string[] }>;
  };
  export const protocol: {
    registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void;
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
  };
  export const net: { fetch(input: string, init?: RequestInit): Promise<Response> };
  export const session: {
    defaultSession: {
      setPermissionRequestHandler(handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
      setPermissionCheckHandler(handler: () => boolean): void;
    };
  };
  export interface UtilityProcess {
    postMessage(message: unknown): void;
    on(event: 'message', listener: (message: unknown) => void): UtilityProcess;
    on(event: 'exit', listener: (code: number) => void): UtilityProcess;
    kill(): boolean;
  }
  export const utilityProcess: {
    fork(modulePath: string, args?: string[], options?: { serviceName?: string; stdio?: 'inherit' | 'pipe' | 'ignore' }): UtilityProcess;
  };
  export const contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  export const ipcRenderer: {
    invoke(channel: string, ...args: unknown[]): Promise<unknown>;
    on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
    removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
  };
}
