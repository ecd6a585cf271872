// The agent filter: a <select> of "All agents" and each agent that reported tasks.

const ALL = '';

/** The agent chosen in the filter, or '' for all agents. */
export function selectedAgent(select) {
  return select?.value ?? ALL;
}

/**
 * Lists `agents` (from /api/agents) as options, keeping the current choice even when that agent has no
 * tasks any more (after a reset, say), so a refresh never silently changes what the page shows.
 */
export function renderAgentOptions(select, agents) {
  if (!select) return;
  const chosen = select.value;
  const names = (agents ?? []).map((row) => String(row.agent));
  if (chosen !== ALL && !names.includes(chosen)) names.push(chosen);
  const current = [...select.options].slice(1).map((option) => option.value);
  if (current.length === names.length && current.every((name, i) => name === names[i])) return;
  const all = new Option('All agents', ALL);
  const options = names.map((name) => {
    const option = document.createElement('option');
    option.value = name;
    option.textContent = name;
    return option;
  });
  select.replaceChildren(all, ...options);
  select.value = chosen;
}

/**
 * Says on each filtered panel which agent it shows, and on the panels the filter cannot narrow (the API has
 * no per-agent figures for them) that they still show all agents.
 */
export function showAgentNote(agent) {
  for (const note of document.querySelectorAll('[data-field="agent-filter-note"]')) {
    note.textContent = agent === ALL ? '' : `agent: ${agent}`;
  }
  for (const note of document.querySelectorAll('[data-field="all-agents-note"]')) {
    note.textContent = agent === ALL ? '' : 'all agents';
  }
}
