/** The database backend's connection string: the setting's address with the password from VS Code's secret storage. */
import type * as vscode from 'vscode';
import { connectionStringProblem, withPassword } from '../../core/db/connectionString';
import type { Log } from './log';
import { setting } from './settings';

export const PASSWORD_SECRET = 'corpusLens.backend.password';

/** Undefined: the embedded index (no database set, or a setting that is not a connection string, which is said once). */
export async function backendUrl(context: vscode.ExtensionContext, log: Log): Promise<string | undefined> {
  const url = setting('backend.url').trim();
  if (!url) return undefined;
  const problem = connectionStringProblem(url);
  if (problem) {
    log.channel.error(`Setting corpusLens.backend.url: ${problem}. Search uses the embedded index meanwhile.`);
    return undefined;
  }
  return withPassword(url, await storedPassword(context, log));
}

/** The password the user gave; when VS Code's secret storage cannot be read (a locked keyring), that is said and the database is asked without one. */
async function storedPassword(context: vscode.ExtensionContext, log: Log): Promise<string | undefined> {
  try {
    return await context.secrets.get(PASSWORD_SECRET);
  } catch (error) {
    log.channel.error(
      `Could not read the database password from VS Code's secret storage (${error instanceof Error ? error.message : String(error)}); connecting without it.`,
    );
    return undefined;
  }
}
