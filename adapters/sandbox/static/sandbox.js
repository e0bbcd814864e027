// The sandbox page: both #news channels with their threads, kept live from the emulators.
// Every call goes through the same origin (/sandbox/api/{platform}/...). Text from users is
// only ever set with textContent.
"use strict";

(function () {
  const POLL_MS = 300;
  const COMMAND_WAIT_MS = 30000;
  const EVENTS = {
    discord: ["message_create", "message_update", "message_delete", "thread_create",
      "thread_update"],
    slack: ["message_created", "message_updated", "message_deleted"],
  };

  const briefs = { discord: {}, slack: {} };
  const drafts = {};
  let editing = null; // {platform, channel, id, text}

  // --- small helpers --------------------------------------------------------------------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function showStatus(text) {
    const status = document.getElementById("status");
    status.textContent = text;
    status.hidden = !text;
  }

  async function api(platform, method, path, body) {
    const options = { method: method, headers: {} };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch("/sandbox/api/" + platform + "/" + path, options);
    let data = null;
    try {
      data = await response.json();
    } catch (error) {
      data = null;
    }
    if (!response.ok || (data && data.ok === false)) {
      const reason = (data && (data.error || data.message)) || response.statusText;
      throw new Error(platform + " refused: " + reason);
    }
    return data;
  }

  function sleep(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  function pane(platform) {
    return document.getElementById(platform + "-pane");
  }

  function chosenUser(platform) {
    const select = document.getElementById(platform + "-user");
    const option = select.options[select.selectedIndex];
    return { id: select.value, name: option ? option.dataset.name : "" };
  }

  function userNames(platform) {
    const names = {};
    for (const option of document.getElementById(platform + "-user").options) {
      names[option.value] = option.dataset.name;
    }
    return names;
  }

  function clock(date) {
    if (!date || isNaN(date.getTime())) return "";
    return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  // Slack mrkdwn and Discord markdown shown as plain text.
  function slackText(text) {
    return (text || "")
      .replace(/<(https?:[^|>]+)\|([^>]+)>/g, "$2")
      .replace(/<(https?:[^>]+)>/g, "$1")
      .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")
      .replace(/\*([^*\n]+)\*/g, "$1");
  }

  function discordText(text) {
    return (text || "").replace(/\\([\\*_~`|>[\]])/g, "$1").replace(/\*\*([^*\n]+)\*\*/g, "$1");
  }

  // "<@123>" and "<@U0ANA000001>" as "@María López" and "@Ana".
  function withNames(text, names) {
    return text.replace(/<@!?([A-Za-z0-9]+)>/g, function (whole, id) {
      return names[id] ? "@" + names[id] : whole;
    });
  }

  // --- turning each platform's records into one view ------------------------------------
  // view: {id, channel, author, authorId, tag, text, card, edited, deleted, time, own}

  function discordView(message, me, names) {
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

  function slackCard(blocks) {
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

  function slackView(message, me, names) {
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

  // --- reading a channel ----------------------------------------------------------------
  // item: {view, thread: {id, replies: [view]} | null, articleId}

  async function loadDiscord(channel) {
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

  async function loadSlack(channel) {
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

  // --- acting as the chosen user --------------------------------------------------------

  function reply(platform, channel, threadId, text) {
    const user = chosenUser(platform).id;
    if (platform === "discord") {
      return api("discord", "POST", "messages", { channel_id: threadId, user_id: user, content: text });
    }
    return api("slack", "POST", "messages", { channel: channel, user: user, text: text, thread_ts: threadId });
  }

  function edit(platform, channel, id, text) {
    const body = platform === "discord" ? { content: text } : { text: text };
    return api(platform, "PATCH", "messages/" + channel + "/" + id, body);
  }

  function remove(platform, channel, id) {
    return api(platform, "DELETE", "messages/" + channel + "/" + id);
  }

  async function act(work) {
    try {
      showStatus("");
      await work();
    } catch (error) {
      showStatus(error.message);
    }
  }

  // --- rendering ------------------------------------------------------------------------

  function renderCard(card, articleId) {
    const box = el("div", "card");
    const title = el("div", "card-title");
    if (card.url) {
      const link = el("a", null, card.title);
      link.href = card.url;
      link.target = "_blank";
      link.rel = "noopener";
      title.appendChild(link);
    } else {
      title.textContent = card.title;
    }
    box.appendChild(title);
    for (const paragraph of card.paragraphs) {
      if (paragraph.trim()) box.appendChild(el("p", "card-text", paragraph));
    }
    if (card.figures.length) {
      const figures = el("ul", "figures");
      for (const figure of card.figures) {
        const item = el("li", "figure");
        item.appendChild(el("strong", null, figure.value));
        if (figure.label.trim() && figure.label !== "\u200b") item.appendChild(el("span", null, figure.label));
        figures.appendChild(item);
      }
      box.appendChild(figures);
    }
    if (card.footer) box.appendChild(el("div", "card-footer", card.footer));
    if (articleId) {
      const link = el("a", "article-link", "Open the article page ↗");
      link.href = "/a/" + articleId;
      link.target = "_blank";
      link.rel = "noopener";
      box.appendChild(link);
    }
    return box;
  }

  function renderEditor(platform, view) {
    const form = el("form", "edit-form");
    const area = el("textarea");
    area.value = editing.text;
    area.rows = 2;
    area.dataset.draftKey = "edit:" + platform + ":" + view.id; // keeps focus across re-renders
    area.addEventListener("input", function () { editing.text = area.value; });
    const save = el("button", null, "Save");
    save.type = "submit";
    const cancel = el("button", "secondary", "Cancel");
    cancel.type = "button";
    cancel.addEventListener("click", function () { editing = null; refresh(platform); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      const text = area.value.trim();
      if (!text) return;
      act(async function () {
        await edit(platform, view.channel, view.id, text);
        editing = null;
        refresh(platform);
      });
    });
    form.append(area, save, cancel);
    return form;
  }

  // Messages already shown, per platform, so that new ones can be highlighted as they land.
  const shown = { discord: null, slack: null };

  function renderMessage(platform, view, articleId) {
    const node = el("article", "message");
    node.dataset.messageId = view.id;
    const key = [view.id, view.deleted, view.text].join("\u0000");
    if (shown[platform] && !shown[platform].has(key)) node.classList.add("fresh");
    seenNow[platform].add(key);
    if (view.deleted) node.classList.add("deleted");
    if (view.own) node.classList.add("own");
    if (view.tag) node.classList.add(view.tag === "app" ? "from-app" : "copy");
    node.appendChild(el("div", "avatar", (view.author || "?").trim().charAt(0).toUpperCase()));
    const body = el("div", "body");
    const meta = el("div", "meta");
    meta.appendChild(el("span", "author", view.author));
    if (view.tag) meta.appendChild(el("span", "tag", view.tag));
    meta.appendChild(el("span", "time", view.time));
    if (view.edited && !view.deleted) meta.appendChild(el("span", "edited", "(edited)"));
    body.appendChild(meta);
    const isEditing = editing && editing.platform === platform && editing.id === view.id;
    if (view.deleted) {
      body.appendChild(el("div", "text", "This message was deleted."));
    } else if (isEditing) {
      body.appendChild(renderEditor(platform, view));
    } else {
      if (view.text) body.appendChild(el("div", "text", view.text));
      if (view.card) body.appendChild(renderCard(view.card, articleId));
    }
    if (view.own && !view.deleted && !isEditing) {
      const actions = el("div", "actions");
      const editButton = el("button", "edit", "Edit");
      editButton.type = "button";
      editButton.addEventListener("click", function () {
        editing = { platform: platform, channel: view.channel, id: view.id, text: view.text };
        refresh(platform);
      });
      const deleteButton = el("button", "delete", "Delete");
      deleteButton.type = "button";
      deleteButton.addEventListener("click", function () {
        act(async function () {
          await remove(platform, view.channel, view.id);
          refresh(platform);
        });
      });
      actions.append(editButton, deleteButton);
      body.appendChild(actions);
    }
    node.appendChild(body);
    return node;
  }

  function renderThread(platform, channel, thread) {
    const box = el("section", "thread");
    box.dataset.threadId = thread.id;
    const count = thread.replies.filter(function (r) { return !r.deleted; }).length;
    box.appendChild(el("h3", "thread-title", "Thread · " + count + (count === 1 ? " message" : " messages")));
    const list = el("div", "replies");
    for (const view of thread.replies) list.appendChild(renderMessage(platform, view, null));
    box.appendChild(list);
    const key = platform + ":" + thread.id;
    const form = el("form", "reply-form");
    const area = el("textarea");
    area.rows = 2;
    area.placeholder = "Reply as " + chosenUser(platform).name + "…";
    area.value = drafts[key] || "";
    area.dataset.draftKey = key;
    area.addEventListener("input", function () { drafts[key] = area.value; });
    area.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    const send = el("button", null, "Reply");
    send.type = "submit";
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      const text = area.value.trim();
      if (!text) return;
      act(async function () {
        await reply(platform, channel, thread.id, text);
        drafts[key] = "";
        area.value = "";
        refresh(platform);
      });
    });
    form.append(area, send);
    box.appendChild(form);
    return box;
  }

  const seenNow = { discord: new Set(), slack: new Set() };

  function render(platform, channel, items) {
    const target = pane(platform).querySelector(".channel");
    seenNow[platform] = new Set();
    const focused = document.activeElement;
    const focusKey = focused && focused.dataset ? focused.dataset.draftKey : null;
    const fresh = document.createDocumentFragment();
    if (!items.length) {
      const label = platform === "discord" ? "Run /brief in Discord" : "Run /brief in Slack";
      const empty = el("p", "empty",
        "Nothing here yet. Pick a sample article above and press “" + label + "”.");
      fresh.appendChild(empty);
    }
    for (const item of items) {
      const group = el("div", item.thread ? "post with-thread" : "post");
      group.appendChild(renderMessage(platform, item.view, item.articleId));
      if (item.thread) group.appendChild(renderThread(platform, channel, item.thread));
      fresh.appendChild(group);
    }
    target.replaceChildren(fresh);
    shown[platform] = seenNow[platform];
    if (focusKey) {
      const again = target.querySelector('textarea[data-draft-key="' + CSS.escape(focusKey) + '"]');
      if (again) {
        again.focus();
        again.setSelectionRange(again.value.length, again.value.length);
      }
    }
  }

  // --- keeping up to date ---------------------------------------------------------------

  const pending = {};
  const running = {};

  async function loadBriefs() {
    const response = await fetch("/sandbox/briefs");
    if (!response.ok) return;
    Object.assign(briefs, await response.json());
    showLatestArticle();
  }

  // The web pane follows the newest briefed article; its page updates itself live.
  function showLatestArticle() {
    const ids = Object.values(briefs.discord).concat(Object.values(briefs.slack));
    if (!ids.length) return;
    const latest = Math.max.apply(null, ids);
    const frame = document.getElementById("article-frame");
    if (frame.dataset.articleId === String(latest)) return;
    frame.dataset.articleId = String(latest);
    frame.src = "/a/" + latest + "?embed=1";
    frame.hidden = false;
    document.getElementById("web-open").href = "/a/" + latest;
    document.querySelector("#web-pane .web-empty").hidden = true;
  }

  const linkRetries = { discord: 0, slack: 0 };

  async function refreshNow(platform) {
    const channel = pane(platform).dataset.channel;
    await loadBriefs();
    const items = platform === "discord" ? await loadDiscord(channel) : await loadSlack(channel);
    render(platform, channel, items);
    // A brief is filed a moment after it is posted: look again for its article page link.
    const unlinked = items.some(function (item) { return item.view.card && !item.articleId; });
    if (unlinked && linkRetries[platform] < 10) {
      linkRetries[platform] += 1;
      setTimeout(function () { refresh(platform); }, 1000);
    } else if (!unlinked) {
      linkRetries[platform] = 0;
    }
  }

  // At most one refresh per platform at a time; events arriving meanwhile ask for one more.
  function refresh(platform) {
    if (running[platform]) {
      pending[platform] = true;
      return;
    }
    running[platform] = true;
    refreshNow(platform)
      .catch(function (error) { showStatus(error.message); })
      .finally(function () {
        running[platform] = false;
        if (pending[platform]) {
          pending[platform] = false;
          setTimeout(function () { refresh(platform); }, 100);
        }
      });
  }

  function follow(platform) {
    const source = new EventSource("/sandbox/api/" + platform + "/events");
    for (const name of EVENTS[platform]) {
      source.addEventListener(name, function () { refresh(platform); });
    }
    source.addEventListener("open", function () { refresh(platform); });
  }

  // --- running /brief -------------------------------------------------------------------

  function showSeen(platform, who, lines) {
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

  async function waitFor(platform, id, done, show) {
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

  async function briefInDiscord(url) {
    const user = chosenUser("discord");
    const channel = pane("discord").dataset.channel;
    showSeen("discord", user.name, ["/brief " + url, "briefbot is thinking…"]);
    const started = await api("discord", "POST", "commands",
      { name: "brief", options: { url: url }, channel_id: channel, user_id: user.id });
    await waitFor("discord", started.id, function (r) {
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

  async function briefInSlack(url) {
    const user = chosenUser("slack");
    const channel = pane("slack").dataset.channel;
    showSeen("slack", user.name, ["/brief " + url, "Waiting for briefbot…"]);
    const started = await api("slack", "POST", "commands",
      { command: "/brief", text: url, channel: channel, user: user.id });
    // A refusal is the acknowledgement alone, which the box shows at once; a brief follows
    // through response_url, so the wait ends on a response (or after COMMAND_WAIT_MS).
    await waitFor("slack", started.id, function (r) {
      return (r.responses || []).length > 0 || (r.errors || []).length > 0;
    }, function (r) {
      const lines = ["/brief " + url];
      for (const seen of r.ephemeral_visible || []) {
        if (seen.text) lines.push(slackText(seen.text));
      }
      for (const error of r.errors || []) lines.push("Slack: " + error);
      showSeen("slack", user.name, lines);
    });
  }

  function start() {
    const sample = document.getElementById("sample-select");
    document.getElementById("brief-discord").addEventListener("click", function () {
      act(function () { return briefInDiscord(sample.value); });
    });
    document.getElementById("brief-slack").addEventListener("click", function () {
      act(function () { return briefInSlack(sample.value); });
    });
    for (const platform of ["discord", "slack"]) {
      document.getElementById(platform + "-user").addEventListener("change", function () {
        editing = null;
        refresh(platform);
      });
      refresh(platform);
      follow(platform);
    }
  }

  document.addEventListener("DOMContentLoaded", start);
})();
