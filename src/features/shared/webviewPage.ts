/**
 * The one way our webview pages are written: a Content Security Policy that allows nothing but the
 * extension's own stylesheet and one script carrying a fresh nonce, the page's body (our markup,
 * never corpus text: pages fill themselves in with textContent), and the local resource roots.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export interface WebviewPage {
  title: string;
  /** A file in media/. */
  stylesheet: string;
  /** A bundle in dist/webview/. */
  script: string;
  /** The page's own markup. */
  body: string;
}

/** Where a webview may load files from: media/ and the bundled pages. */
export function webviewRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')];
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): string {
  const nonce = randomBytes(16).toString('base64');
  const uri = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...parts));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${uri('media', page.stylesheet)}" rel="stylesheet">
<title>${page.title}</title>
</head>
<body>
${page.body}
<script nonce="${nonce}" src="${uri('dist', 'webview', page.script)}"></script>
</body>
</html>`;
}
