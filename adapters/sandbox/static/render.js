// Rendering a channel: messages, brief cards, threads with their reply box, and the
// edit box of the chosen user's own messages. User text only ever goes in textContent.

import { edit, remove, reply } from "./channels.js";
import { allowed, boxFoot } from "./limits.js";
import { MENU, flag, runMenu } from "./moderation.js";
import { act, chosenUser, el, pane } from "./page.js";
import { hooks, state } from "./state.js";

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
  area.value = state.editing.text;
  area.setAttribute("aria-label", "Edit your message");
  area.rows = 2;
  area.dataset.draftKey = "edit:" + platform + ":" + view.id; // keeps focus across re-renders
  area.addEventListener("input", function () { state.editing.text = area.value; });
  const save = el("button", null, "Save");
  save.type = "submit";
  const cancel = el("button", "secondary", "Cancel");
  cancel.type = "button";
  cancel.addEventListener("click", function () { state.editing = null; hooks.refresh(platform); });
  const noteKey = area.dataset.draftKey;
  const foot = boxFoot(platform, area, state.notes, noteKey);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const text = area.value.trim();
    if (!allowed(platform, text, state.notes, noteKey, foot)) return;
    act(async function () {
      await edit(platform, view.channel, view.id, text);
      state.editing = null;
      hooks.refresh(platform);
    });
  });
  form.append(area, save, cancel, foot.node);
  return form;
}

// Messages already shown, per platform, so that new ones can be highlighted as they land.
const shown = { discord: null, slack: null };

// A comment's menu: 🚩 (report) and the two moderation actions. Anyone may try them; briefbot
// answers a non-moderator with one sentence, as on the real platforms.
function renderMenu(platform, view) {
  const key = platform + ":" + view.id;
  const menu = el("details", "message-menu");
  menu.open = state.openMenu === key;
  menu.addEventListener("toggle", function () {
    if (menu.open) state.openMenu = key;
    else if (state.openMenu === key) state.openMenu = null;
  });
  const summary = el("summary", null, "⋯");
  summary.title = platform === "discord" ? "Apps" : "More actions";
  summary.setAttribute("aria-label", "Moderation and reports");
  menu.appendChild(summary);
  const items = el("div", "menu-items");
  const report = el("button", "secondary flag", "🚩 React");
  report.type = "button";
  report.addEventListener("click", function () {
    state.openMenu = null;
    menu.open = false;
    act(async function () {
      await flag(platform, view);
      hooks.refresh(platform);
    });
  });
  items.appendChild(report);
  for (const item of MENU) {
    const button = el("button", "secondary menu-" + item.action, item.label);
    button.type = "button";
    button.addEventListener("click", function () {
      state.openMenu = null;
      menu.open = false;
      act(async function () {
        await runMenu(platform, view, item);
        hooks.refresh(platform);
      });
    });
    items.appendChild(button);
  }
  menu.appendChild(items);
  return menu;
}

function renderMessage(platform, view, articleId, inThread) {
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
  const isEditing = state.editing && state.editing.platform === platform && state.editing.id === view.id;
  if (view.deleted) {
    body.appendChild(el("div", "text", "This message was deleted."));
  } else if (isEditing) {
    body.appendChild(renderEditor(platform, view));
  } else {
    if (view.text) body.appendChild(el("div", "text", view.text));
    if (view.card) body.appendChild(renderCard(view.card, articleId));
  }
  if (inThread && !view.deleted && !isEditing && !view.card && view.tag !== "app") {
    body.appendChild(renderMenu(platform, view));
  }
  if (view.own && !view.deleted && !isEditing) {
    const actions = el("div", "actions");
    const editButton = el("button", "edit", "Edit");
    editButton.type = "button";
    editButton.addEventListener("click", function () {
      state.editing = { platform: platform, channel: view.channel, id: view.id, text: view.text };
      hooks.refresh(platform);
    });
    const deleteButton = el("button", "delete", "Delete");
    deleteButton.type = "button";
    deleteButton.addEventListener("click", function () {
      act(async function () {
        await remove(platform, view.channel, view.id);
        hooks.refresh(platform);
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
  for (const view of thread.replies) list.appendChild(renderMessage(platform, view, null, true));
  box.appendChild(list);
  const key = platform + ":" + thread.id;
  const form = el("form", "reply-form");
  const area = el("textarea");
  area.rows = 2;
  area.placeholder = "Reply as " + chosenUser(platform).name + "…";
  area.setAttribute("aria-label", "Reply in this thread");
  area.value = state.drafts[key] || "";
  area.dataset.draftKey = key;
  area.addEventListener("input", function () { state.drafts[key] = area.value; });
  area.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  const send = el("button", null, "Reply");
  send.type = "submit";
  const foot = boxFoot(platform, area, state.notes, key);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const text = area.value.trim();
    if (!allowed(platform, text, state.notes, key, foot)) return;
    act(async function () {
      await reply(platform, channel, thread.id, text);
      state.drafts[key] = "";
      area.value = "";
      foot.update();
      hooks.refresh(platform);
    });
  });
  form.append(area, send, foot.node);
  box.appendChild(form);
  return box;
}

const seenNow = { discord: new Set(), slack: new Set() };

export function render(platform, channel, items) {
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
    group.appendChild(renderMessage(platform, item.view, item.articleId, false));
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
