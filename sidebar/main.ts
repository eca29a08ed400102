/**
 * The managers' sidebar. For now a placeholder page: the settings sections arrive with the
 * sidebar issue. It proves the single-file build and says so to whoever opens it.
 */
const statusLine = document.getElementById('status');
if (statusLine) {
  statusLine.textContent = 'Settings will appear here. Until then, use Extensions › Baton › Set up Baton.';
}

export {};
