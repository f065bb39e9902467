/** MIME type for a text file, from its name's extension (the browser uses it for the saved file). */
function textType(name: string): string {
  if (name.endsWith('.json')) return 'application/json';
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.svg')) return 'image/svg+xml';
  if (name.endsWith('.html')) return 'text/html';
  return 'text/plain';
}

/** How long an object URL stays valid after its download started (the browser reads it asynchronously). */
const REVOKE_AFTER_MS = 60_000;

/**
 * Saves `data` as a download named `name` through a Blob, an object URL and a transient link. Works under
 * the page's CSP (no data: URL, no inline script) and needs no permission.
 */
export function downloadFile(name: string, data: string | Blob): Promise<void> {
  const blob = typeof data === 'string' ? new Blob([data], { type: `${textType(name)};charset=utf-8` }) : data;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute later it has long been read.
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  return Promise.resolve();
}
