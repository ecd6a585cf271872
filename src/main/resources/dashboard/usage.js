// Tokens and cost per minute, worked out from the per-second columns of a time series. No DOM here.

const MINUTE_SECONDS = 60;
// Costs arrive as dollars from nano-dollar counts; adding and taking away fractions leaves crumbs like 1e-19.
const NANOS_PER_USD = 1e9;

function dropRoundingCrumbs(sum) {
  return Math.max(0, Math.round(sum * NANOS_PER_USD) / NANOS_PER_USD);
}

/** A column of per-second figures, or null when the server sent none (an older server). */
function column(timeseries, name) {
  const values = timeseries?.[name];
  return Array.isArray(values) ? values : null;
}

/**
 * For each second, the sum of `values` over the minute that ends with it (a rolling 60-second sum).
 *
 * A rolling sum rather than per-minute bins: model calls come in bursts, and the newest per-minute bin is
 * always only part full, so its bar would drop at the right edge as if usage had just fallen. The rolling
 * sum is a whole minute at every point, and its right end is the same "last minute" the cost card shows.
 * The first minute of the window has no full minute behind it (what came before is not in the series), so
 * those points are null, a gap rather than a figure that looks low.
 */
export function perMinute(timestamps, values) {
  const sums = new Array(timestamps.length).fill(null);
  let total = 0;
  let start = 0;
  for (let i = 0; i < timestamps.length; i++) {
    total += values[i] ?? 0;
    while (timestamps[start] <= timestamps[i] - MINUTE_SECONDS) total -= values[start++] ?? 0;
    if (timestamps[i] - timestamps[0] >= MINUTE_SECONDS - 1) sums[i] = dropRoundingCrumbs(total);
  }
  return sums;
}

/**
 * The chart's columns: [timestamps, input tokens/min, output tokens/min, cost USD/min].
 * Columns the server did not send stay empty (all null), so the chart shows nothing rather than zeros.
 */
export function usageColumns(timeseries) {
  const timestamps = timeseries?.timestamps ?? [];
  const rolling = (name) => {
    const values = column(timeseries, name);
    return values ? perMinute(timestamps, values) : new Array(timestamps.length).fill(null);
  };
  return [timestamps, rolling('input_tokens'), rolling('output_tokens'), rolling('cost_usd')];
}

/** Sums of the minute up to the newest second: {input_tokens, output_tokens, cost_usd}; null where not sent. */
export function lastMinute(timeseries) {
  const timestamps = timeseries?.timestamps ?? [];
  const newest = timestamps[timestamps.length - 1];
  const sumOfMinute = (name) => {
    const values = column(timeseries, name);
    if (!values) return null;
    let sum = 0;
    for (let i = timestamps.length - 1; i >= 0 && timestamps[i] > newest - MINUTE_SECONDS; i--) sum += values[i] ?? 0;
    return dropRoundingCrumbs(sum);
  };
  return { input_tokens: sumOfMinute('input_tokens'), output_tokens: sumOfMinute('output_tokens'), cost_usd: sumOfMinute('cost_usd') };
}
