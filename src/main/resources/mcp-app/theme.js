// The host's light or dark theme. The dashboard's stylesheet keeps its dark colours under
// @media (prefers-color-scheme: dark); the host's theme decides instead of the system's by switching those
// rules on or off, so the colours stay the dashboard's own, in one place.

// Each colour-scheme rule with the media text it came with, found once.
let schemeRules = null;

function findSchemeRules() {
  const rules = [];
  for (const sheet of document.styleSheets) {
    let list;
    try {
      list = sheet.cssRules;
    } catch {
      continue; // a sheet we may not read is not ours
    }
    for (const rule of list) {
      if (rule instanceof CSSMediaRule && /prefers-color-scheme/.test(rule.media.mediaText)) {
        rules.push({ rule, original: rule.media.mediaText, dark: /prefers-color-scheme:\s*dark/.test(rule.media.mediaText) });
      }
    }
  }
  return rules;
}

/** 'light' or 'dark' from the host; anything else leaves the choice to the system again. */
export function applyTheme(theme) {
  schemeRules ??= findSchemeRules();
  for (const { rule, original, dark } of schemeRules) {
    if (theme === 'dark' || theme === 'light') {
      rule.media.mediaText = (theme === 'dark') === dark ? 'all' : 'not all';
    } else {
      rule.media.mediaText = original;
    }
  }
  if (theme === 'dark' || theme === 'light') {
    document.documentElement.setAttribute('data-theme', theme);
  } else {
    document.documentElement.removeAttribute('data-theme');
  }
}
