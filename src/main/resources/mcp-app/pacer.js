// When the panel refreshes: at most once per interval, one refresh at a time, and only while someone can see it
// (the page is visible and the panel is on screen in the host's conversation).

/**
 * Runs `refresh` (an async function) again and again, each start at least `intervalMs` after the last, never two
 * at once, and not at all while hidden. `soon()` asks for a refresh as early as the interval allows.
 */
export function startPacer(refresh, { intervalMs = 1000 } = {}) {
  let lastStartMs = -Infinity;
  let running = false;
  let timer = null;
  let onScreen = true;
  let stopped = false;

  const visible = () => !stopped && document.visibilityState === 'visible' && onScreen;

  const schedule = () => {
    if (timer !== null || running || !visible()) return;
    const waitMs = Math.max(0, lastStartMs + intervalMs - performance.now());
    timer = setTimeout(run, waitMs);
  };

  async function run() {
    timer = null;
    if (running || !visible()) return;
    running = true;
    lastStartMs = performance.now();
    try {
      await refresh();
    } finally {
      running = false;
      schedule();
    }
  }

  document.addEventListener('visibilitychange', schedule);
  // In an iframe the implicit root is the top-level viewport: scrolled out of the conversation is not visible.
  if (typeof IntersectionObserver === 'function') {
    new IntersectionObserver((entries) => {
      onScreen = entries.some((entry) => entry.isIntersecting);
      schedule();
    }).observe(document.documentElement);
  }
  schedule();

  return {
    soon() {
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
      schedule();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      timer = null;
    },
  };
}
