// Turning each platform's records into one view of a message (pure functions).
// view: {id, channel, author, tag, text, card, edited, deleted, time, own}

export function clock(date) {
  if (!date || isNaN(date.getTime())) return "";
  return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

// Slack mrkdwn and Discord markdown shown as plain text.
export function slackText(text) {
  return (text || "")
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, "$2")
    .replace(/<(https?:[^>]+)>/g, "$1")
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")
    .replace(/\*([^*\n]+)\*/g, "$1");
}

export function discordText(text) {
  return (text || "").replace(/\\([\\*_~`|>[\]])/g, "$1").replace(/\*\*([^*\n]+)\*\*/g, "$1");
}

// "<@123>" and "<@U0ANA000001>" as "@María López" and "@Ana".
export function withNames(text, names) {
  return text.replace(/<@!?([A-Za-z0-9]+)>/g, function (whole, id) {
    return names[id] ? "@" + names[id] : whole;
  });
}

export function discordView(message, me, names) {
  const copy = Boolean(message.webhook_id);
  const bot = !copy && message.author && message.author.bot;
  const embed = (message.embeds || [])[0];
  return {
    id: message.id,
    channel: message.channel_id,
    author: message.username || (message.author && message.author.display_name) || "?",
    tag: copy ? "via briefbot" : (bot ? "app" : null),
    text: withNames(discordText(message.content), names),
    card: embed ? {
      title: discordText(embed.title),
      url: embed.url,
      paragraphs: discordText(embed.description).split(/\n\n+/),
      figures: (embed.fields || []).map(function (f) {
        return { value: discordText(f.name), label: discordText(f.value) };
      }),
      footer: embed.footer ? embed.footer.text : "",
    } : null,
    edited: Boolean(message.edited_timestamp),
    deleted: Boolean(message.deleted),
    time: clock(new Date(message.timestamp)),
    own: !copy && message.author && message.author.id === me,
  };
}

export function slackCard(blocks) {
  if (!blocks || !blocks.length) return null;
  const card = { title: "", url: null, paragraphs: [], figures: [], footer: "" };
  for (const block of blocks) {
    if (block.type === "header" && block.text) card.title = slackText(block.text.text);
    if (block.type === "section" && block.text) {
      card.paragraphs.push.apply(card.paragraphs, slackText(block.text.text).split(/\n\n+/));
    }
    for (const field of block.fields || []) {
      const lines = slackText(field.text).split("\n");
      card.figures.push({ value: lines[0], label: lines.slice(1).join(" ") });
    }
    if (block.type === "context") {
      const parts = (block.elements || []).map(function (e) { return slackText(e.text || ""); });
      card.footer = parts.join(" · ");
    }
    if (block.type === "actions") {
      for (const element of block.elements || []) {
        if (element.url && !card.url) card.url = element.url;
      }
    }
  }
  return card;
}

export function slackView(message, me, names) {
  const copy = Boolean(message.username);
  const bot = !copy && Boolean(message.bot_id);
  const card = bot ? slackCard(message.blocks) : null;
  return {
    id: message.ts,
    channel: message.channel,
    author: message.username || (bot ? "briefbot" : names[message.user] || message.user),
    tag: copy ? "via briefbot" : (bot ? "app" : null),
    text: card ? "" : withNames(slackText(message.text), names), // blocks, not the fallback
    card: card,
    edited: Boolean(message.edited),
    deleted: Boolean(message.deleted),
    time: clock(new Date(parseFloat(message.ts) * 1000)),
    own: !copy && !bot && message.user === me,
  };
}
