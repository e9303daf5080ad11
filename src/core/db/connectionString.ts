/** Database connection strings: the password put in from secret storage, and taken out for messages. */

/** The connection string with the password put in (settings never hold it: VS Code's secret storage does). */
export function withPassword(url: string, password: string | undefined): string {
  if (!password) return url;
  const parsed = new URL(url);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/** host:port/database, without user or password, for messages. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return 'the database';
  }
}

/** Why a setting's value is not a PostgreSQL connection string, or undefined when it is one. */
export function connectionStringProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a connection string: write postgres://USER@HOST:PORT/DATABASE`;
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    return `the connection string must start with postgres:// (it starts with ${parsed.protocol}//)`;
  if (parsed.password)
    return 'the connection string holds a password: remove it and run "Corpus Lens: Set Database Password" (passwords are kept in secret storage, not in settings)';
  return undefined;
}
