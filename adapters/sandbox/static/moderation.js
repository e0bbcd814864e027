// Moderation from the panes, as the chosen user: a 🚩 reaction (a reader's report) and the
// "Remove everywhere" / "Hold for review" message menus (Discord: message context-menu
// commands; Slack: message shortcuts). What the user saw goes in the pane's box.

import { showSeen, waitForCommand } from "./commands.js";
import { api, chosenUser, sleep } from "./page.js";
import { slackText } from "./views.js";

export const MENU = [
  { action: "remove", label: "Remove everywhere", slack: "briefbot_remove_everywhere" },
  { action: "hold", label: "Hold for review", slack: "briefbot_hold" },
];
const SLACK_FLAG = "triangular_flag_on_post";
const NOT_SHOWN = "Discord shows this menu only to members with Manage Messages (or a " +
  "moderator role a server admin allowed in Integrations): act as Riverside Editor.";
const EPHEMERAL_WAIT_MS = 10000;
const POLL_MS = 300;

export async function flag(platform, view) {
  const user = chosenUser(platform);
  if (platform === "discord") {
    await api("discord", "POST", "reactions",
      { channel_id: view.channel, message_id: view.id, user_id: user.id, emoji: "🚩" });
  } else {
    await api("slack", "POST", "reactions",
      { channel: view.channel, ts: view.id, user: user.id, name: SLACK_FLAG });
  }
  showSeen(platform, user.name, ["You reacted with 🚩 to report this comment.",
    "Enough readers' reports hold it for a moderator."]);
}

export async function runMenu(platform, view, item) {
  const user = chosenUser(platform);
  const asked = item.label + " (on " + (view.author || "a message") + ")";
  showSeen(platform, user.name, [asked, "Waiting for briefbot…"]);
  if (platform === "discord") {
    let started = null;
    try {
      started = await api("discord", "POST", "commands", {
        name: item.label, type: 3, target_id: view.id, channel_id: view.channel, user_id: user.id,
      });
    } catch (error) {
      // Discord shows the menu only to members the command's default permissions allow.
      showSeen("discord", user.name, [asked, NOT_SHOWN]);
      return;
    }
    await waitForCommand("discord", started.id, function (r) {
      return r.acknowledged && !r.thinking;
    }, function (r) {
      const lines = [asked];
      for (const message of [r.original].concat(r.followups || [])) {
        if (message && message.content) lines.push(message.content);
      }
      if (r.thinking) lines.push("briefbot is thinking…");
      showSeen("discord", user.name, lines);
    });
    return;
  }
  const query = "ephemeral?user=" + encodeURIComponent(user.id) + "&channel=" +
    encodeURIComponent(view.channel);
  const before = (await api("slack", "GET", query)).ephemeral.length;
  await api("slack", "POST", "shortcuts",
    { callback_id: item.slack, user: user.id, channel: view.channel, message_ts: view.id });
  const until = Date.now() + EPHEMERAL_WAIT_MS;
  while (Date.now() < until) {
    const seen = (await api("slack", "GET", query)).ephemeral.slice(before);
    if (seen.length) {
      showSeen("slack", user.name, [asked].concat(seen.map(function (e) {
        return slackText(e.text);
      })));
      return;
    }
    await sleep(POLL_MS);
  }
  showSeen("slack", user.name, [asked, "briefbot did not answer."]);
}
