/**
 * A real VS Code 1.100 offline: code-server from npm, started on loopback with a fresh profile.
 * Recipe and reasons: ../shared/docs/vscode-testing.md.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './sampleWorkspace';

export const CODE_SERVER_BIN = () => path.join(repoRoot(), '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');

export function ensureCodeServer(): void {
  if (existsSync(CODE_SERVER_BIN())) return;
  const result = spawnSync('bash', [path.join(repoRoot(), '.ci', 'install-code-server.sh')], { stdio: 'inherit' });
  if (result.status !== 0 || !existsSync(CODE_SERVER_BIN())) throw new Error('could not install code-server (see the messages above)');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'editor.hover.delay': 100,
  'workbench.colorTheme': 'Default Dark Modern',
};

export interface RunningCodeServer {
  port: number;
  /** code-server's process id, also its process group's: the extension hosts it starts are in that group. */
  pid: number;
  /** The workbench URL for a folder, with the extension under development (and optionally tests) loaded. */
  url(folder: string, extensionTestsPath?: string): string;
  /** The workbench URL for a folder with only installed extensions (no development path). */
  plainUrl(folder: string): string;
  stop(): void;
}

export interface CodeServerOptions {
  port?: number;
  quiet?: boolean;
  /** A .vsix to install into the fresh profile before starting. */
  installVsix?: string;
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<RunningCodeServer> {
  ensureCodeServer();
  const port = options.port ?? (await freePort());
  const profile = mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-vscode-'));
  for (const dir of ['ud/User', 'exts', 'tmp', 'xdg-config', 'xdg-data']) mkdirSync(path.join(profile, dir), { recursive: true });
  writeFileSync(path.join(profile, 'ud/User/settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const env = {
    ...process.env,
    EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: path.join(profile, 'xdg-config'),
    XDG_DATA_HOME: path.join(profile, 'xdg-data'),
    TMPDIR: path.join(profile, 'tmp'),
  };
  const profileArgs = [
    '--config',
    path.join(profile, 'cs-config.yaml'),
    '--user-data-dir',
    path.join(profile, 'ud'),
    '--extensions-dir',
    path.join(profile, 'exts'),
  ];
  if (options.installVsix) {
    const result = spawnSync(CODE_SERVER_BIN(), [...profileArgs, '--install-extension', options.installVsix], { env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`code-server could not install ${options.installVsix}: ${result.stderr || result.stdout}`);
  }
  const child: ChildProcess = spawn(
    CODE_SERVER_BIN(),
    [
      '--config',
      path.join(profile, 'cs-config.yaml'),
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir',
      path.join(profile, 'ud'),
      '--extensions-dir',
      path.join(profile, 'exts'),
    ],
    {
      detached: true, // its own process group, so stop() ends its children too
      stdio: options.quiet === false ? 'inherit' : 'ignore',
      env,
    },
  );
  const stop = (): void => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  await waitForHealth(port, child);
  const repo = repoRoot();
  return {
    port,
    pid: child.pid ?? 0,
    stop,
    url: (folder, extensionTestsPath) => {
      const payload: [string, string][] = [['extensionDevelopmentPath', `vscode-remote://remote${repo}`]];
      if (extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://remote${extensionTestsPath}`]);
      return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    },
    plainUrl: (folder) => `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`,
  };
}

async function waitForHealth(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer on 127.0.0.1:${port} within 30 s`);
}
