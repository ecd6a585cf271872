// The header's buttons and the notice line under it.

const NOTICE_MS = 8000;

/** Pause/Resume: the label says what a click will do, aria-pressed says what is in force. */
export function showPaused(button, paused) {
  if (!button) return;
  button.textContent = paused ? 'Resume' : 'Pause';
  button.setAttribute('aria-pressed', String(paused));
}

let noticeTimer = null;

/** A short, non-blocking message; `kind` is 'error' or 'info'. It clears itself. */
export function showNotice(text, kind = 'info') {
  const notice = document.getElementById('notice');
  if (!notice) return;
  clearTimeout(noticeTimer);
  notice.textContent = text;
  notice.setAttribute('data-kind', kind);
  noticeTimer = setTimeout(() => {
    notice.textContent = '';
    notice.removeAttribute('data-kind');
  }, NOTICE_MS);
}

/** Binds each button id to its action; a missing button is skipped. */
export function bindButtons(actions) {
  for (const [id, action] of Object.entries(actions)) {
    document.getElementById(id)?.addEventListener('click', action);
  }
}
