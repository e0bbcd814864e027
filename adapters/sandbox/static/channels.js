// Reading a channel and acting in it as the chosen user, through the control proxy.
// item: {view, thread: {id, replies: [view]} | null, articleId}

import { api, chosenUser, userNames } from "./page.js";
import { discordView, slackView } from "./views.js";

// briefs: {discord: {message id: article id}, slack: {ts: article id}}
export async function loadDiscord(channel, briefs) {
  const me = chosenUser("discord").id;
  const names = userNames("discord");
  const data = await api("discord", "GET", "channels/" + channel + "/messages");
  const items = [];
  for (const message of data.messages) {
    if (message.ephemeral) continue;
    const item = { view: discordView(message, me, names), thread: null, articleId: null };
    if (message.thread_id) {
      const replies = await api("discord", "GET", "channels/" + message.thread_id + "/messages");
      item.thread = {
        id: message.thread_id,
        replies: replies.messages.filter(function (m) { return !m.ephemeral; })
          .map(function (m) { return discordView(m, me, names); }),
      };
      item.articleId = briefs.discord[message.id] || null;
    }
    items.push(item);
  }
  return items;
}

export async function loadSlack(channel, briefs) {
  const me = chosenUser("slack").id;
  const names = userNames("slack");
  const data = await api("slack", "GET", "channels/" + channel + "/messages");
  return data.messages.map(function (message) {
    const view = slackView(message, me, names);
    const threaded = Boolean(view.card) || (message.replies || []).length > 0;
    return {
      view: view,
      thread: threaded ? {
        id: message.ts,
        replies: (message.replies || []).map(function (m) { return slackView(m, me, names); }),
      } : null,
      articleId: briefs.slack[message.ts] || null,
    };
  });
}

export function reply(platform, channel, threadId, text) {
  const user = chosenUser(platform).id;
  if (platform === "discord") {
    return api("discord", "POST", "messages", { channel_id: threadId, user_id: user, content: text });
  }
  return api("slack", "POST", "messages", { channel: channel, user: user, text: text, thread_ts: threadId });
}

export function edit(platform, channel, id, text) {
  const body = platform === "discord" ? { content: text } : { text: text };
  return api(platform, "PATCH", "messages/" + channel + "/" + id, body);
}

export function remove(platform, channel, id) {
  return api(platform, "DELETE", "messages/" + channel + "/" + id);
}
