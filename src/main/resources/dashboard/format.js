// Pure formatting functions: numbers in, short human text out. No DOM here, so node can test them.

export const NONE = '—';

function isMissing(value) {
  return value === null || value === undefined || Number.isNaN(value);
}

// toFixed leaves "2.50" and "3.0"; people read "2.5" and "3".
function trimZeros(text) {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

const COUNT_UNITS = [
  { size: 1e9, suffix: 'B' },
  { size: 1e6, suffix: 'M' },
  { size: 1e3, suffix: 'k' },
];

/** 999 -> "999", 1234 -> "1.2k", 1234567 -> "1.2M". */
export function formatCount(value) {
  if (isMissing(value)) return NONE;
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  for (const [i, unit] of COUNT_UNITS.entries()) {
    if (abs >= unit.size) {
      const scaled = Math.round((abs / unit.size) * 10) / 10;
      // 999950 rounds to "1000k": say "1M" instead.
      if (scaled >= 1000 && i > 0) return `${sign}${trimZeros((scaled / 1000).toFixed(1))}${COUNT_UNITS[i - 1].suffix}`;
      return `${sign}${trimZeros(scaled.toFixed(1))}${unit.suffix}`;
    }
  }
  return sign + (Number.isInteger(abs) ? String(abs) : trimZeros(abs.toFixed(1)));
}

/** Milliseconds: 0.35 -> "0.35 ms", 350 -> "350 ms", 2500 -> "2.5 s", 125000 -> "2m 5s". */
export function formatDuration(ms) {
  if (isMissing(ms)) return NONE;
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms === 0) return '0 ms';
  if (ms < 0.005) return '< 0.01 ms';
  // Decide each tier on the rounded value, so 999.7 ms reads "1 s", not "1000 ms".
  if (Number(ms.toFixed(2)) < 1) return `${trimZeros(ms.toFixed(2))} ms`;
  if (Number(ms.toFixed(1)) < 10) return `${trimZeros(ms.toFixed(1))} ms`;
  if (Math.round(ms) < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (Number(seconds.toFixed(1)) < 60) return `${trimZeros(seconds.toFixed(1))} s`;
  return formatSpan(Math.round(seconds));
}

/** Two largest units of a whole number of seconds: "42s", "2m 5s", "3h 12m", "1d 1h". */
function formatSpan(totalSeconds) {
  const days = Math.floor(totalSeconds / 86400);
  const hours = Math.floor((totalSeconds % 86400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  if (minutes > 0) return `${minutes}m ${seconds}s`;
  return `${seconds}s`;
}

/** Seconds of uptime: 42 -> "42s", 11520 -> "3h 12m", 90061 -> "1d 1h". */
export function formatUptime(seconds) {
  if (isMissing(seconds)) return NONE;
  return formatSpan(Math.max(0, Math.floor(seconds)));
}

/** 97.5 -> "97.5%", 83.333 -> "83.3%", 100 -> "100%". */
export function formatPercent(value) {
  if (isMissing(value)) return NONE;
  return `${trimZeros(value.toFixed(1))}%`;
}

/** How long before `nowMs` the ISO time `iso` was: "just now", "3s ago", "5m ago", "2h ago", "4d ago". */
export function formatRelative(iso, nowMs) {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return NONE;
  // A timestamp slightly ahead of our clock is skew, not the future.
  const seconds = Math.floor((nowMs - then) / 1000);
  if (seconds < 1) return 'just now';
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h ago`;
  return `${Math.floor(seconds / 86400)}d ago`;
}

/** Local wall-clock time "HH:MM:SS" of a Date. */
export function formatClock(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

// Below this a cost reads "< $0.000001": a millionth of a dollar is the smallest figure worth two digits.
const SMALLEST_COST_USD = 0.000001;

/** Thousands separated by commas: "1234567" -> "1,234,567". */
function groupThousands(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * US dollars: 12.345 -> "$12.35", 1234.5 -> "$1,234.50", 0.5 -> "$0.50", 0.0042 -> "$0.0042",
 * 0 -> "$0.00", 250000 -> "$250k". Below a cent two significant digits, so a cheap call is not "$0.00".
 */
export function formatMoney(usd) {
  if (isMissing(usd)) return NONE;
  if (usd < 0) return `-${formatMoney(-usd)}`;
  if (usd === 0) return '$0.00';
  if (usd < SMALLEST_COST_USD) return '< $0.000001';
  if (usd < 0.01) {
    // Two significant digits: the decimals reach the second digit after the leading zeros.
    const decimals = 1 - Math.floor(Math.log10(usd));
    return `$${trimZeros(usd.toFixed(decimals))}`;
  }
  if (usd < 100000) {
    const [whole, cents] = usd.toFixed(2).split('.');
    return `$${groupThousands(whole)}.${cents}`;
  }
  return `$${formatCount(usd)}`;
}

/** Input and output tokens of one call: "1.2k / 350"; a side not reported reads "—". */
export function formatTokenPair(input, output) {
  if (isMissing(input) && isMissing(output)) return NONE;
  return `${formatCount(input)} / ${formatCount(output)}`;
}
