// The login page: sends the token once to /api/login, which answers with an HttpOnly session cookie,
// then goes to the dashboard. The token itself is never stored by the page.

const form = document.getElementById('login-form');
const input = document.getElementById('token');
const notice = document.getElementById('notice');

function showError(text) {
  notice.textContent = text;
  notice.setAttribute('data-kind', 'error');
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  let response;
  try {
    response = await fetch('/api/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ token: input.value }),
      cache: 'no-store',
    });
  } catch {
    showError('Could not reach AgentMeter.');
    return;
  }
  if (response.ok) {
    window.location.assign('/');
    return;
  }
  const envelope = await response.json().catch(() => null);
  input.value = '';
  showError(response.status === 401 ? 'Wrong token.' : String(envelope?.error?.message ?? `HTTP ${response.status}`));
});
