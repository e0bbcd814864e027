// Running /brief through an emulator's control API as the chosen user, and showing what
// that user saw (the replies only they can see) in the pane's box.

import { api, chosenUser, el, pane, sleep } from "./page.js";
import { slackText } from "./views.js";

const POLL_MS = 300;
const COMMAND_WAIT_MS = 30000;

export function showSeen(platform, who, lines) {
  const box = pane(platform).querySelector(".seen");
  box.replaceChildren();
  const head = el("div", "seen-head", "Only " + who + " can see this");
  const close = el("button", "secondary close", "Dismiss");
  close.type = "button";
  close.addEventListener("click", function () { box.hidden = true; });
  head.appendChild(close);
  box.appendChild(head);
  for (const line of lines) box.appendChild(el("p", null, line));
  box.hidden = false;
}

// Polls the command until done(record); show(record) after each poll keeps the box current.
// A newer command in the same pane takes the box over and ends the older wait.
const latestCommand = { discord: 0, slack: 0 };

export async function waitForCommand(platform, id, done, show) {
  const mine = ++latestCommand[platform];
  const until = Date.now() + COMMAND_WAIT_MS;
  while (Date.now() < until && latestCommand[platform] === mine) {
    const record = await api(platform, "GET", "commands/" + id);
    if (latestCommand[platform] !== mine) return;
    show(record);
    if (done(record)) return;
    await sleep(POLL_MS);
  }
}

export async function briefInDiscord(url) {
  const user = chosenUser("discord");
  const channel = pane("discord").dataset.channel;
  showSeen("discord", user.name, ["/brief " + url, "briefbot is thinking…"]);
  const started = await api("discord", "POST", "commands",
    { name: "brief", options: { url: url }, channel_id: channel, user_id: user.id });
  await waitForCommand("discord", started.id, function (r) {
    return r.acknowledged && !r.thinking;
  }, function (r) {
    const lines = ["/brief " + url];
    for (const message of [r.original].concat(r.followups || [])) {
      if (message && message.content) lines.push(message.content);
    }
    if (r.thinking) lines.push("briefbot is thinking…");
    showSeen("discord", user.name, lines);
  });
}

export async function briefInSlack(url) {
  const user = chosenUser("slack");
  const channel = pane("slack").dataset.channel;
  showSeen("slack", user.name, ["/brief " + url, "Waiting for briefbot…"]);
  const started = await api("slack", "POST", "commands",
    { command: "/brief", text: url, channel: channel, user: user.id });
  // A refusal is the acknowledgement alone; a brief's progress and then its answer follow
  // through response_url, so the wait ends on the second response (or after COMMAND_WAIT_MS).
  await waitForCommand("slack", started.id, function (r) {
    return Boolean(r.ack && r.ack.text) || (r.responses || []).length > 1 ||
      (r.errors || []).length > 0;
  }, function (r) {
    const lines = ["/brief " + url];
    for (const seen of r.ephemeral_visible || []) {
      if (seen.text) lines.push(slackText(seen.text));
    }
    for (const error of r.errors || []) lines.push("Slack: " + error);
    showSeen("slack", user.name, lines);
  });
}

// Pasted text or HTML: the sandbox serves it on a local address, then /brief runs on that
// address like on any link. Empty or too large is said next to the box, before sending.
export async function briefPasted(brief) {
  const form = document.getElementById("paste-form");
  const area = document.getElementById("paste-text");
  const note = document.getElementById("paste-note");
  const text = area.value.trim();
  const maxBytes = parseInt(form.dataset.maxBytes, 10);
  note.textContent = "";
  if (!text) {
    note.textContent = "Paste the text or the HTML of an article first.";
    return;
  }
  if (new TextEncoder().encode(text).length > maxBytes) {
    note.textContent = "That is more than 1 MB: paste one article at a time.";
    return;
  }
  const response = await fetch("/sandbox/paste", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ text: text }),
  });
  let data = null;
  try {
    data = await response.json();
  } catch (error) {
    data = null;
  }
  if (!response.ok || !data || !data.url) {
    note.textContent = (data && data.error) || "The sandbox could not take that text.";
    return;
  }
  await brief(data.url);
}
