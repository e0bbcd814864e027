// The sandbox page: both #news channels with their threads, kept live from the emulators.
// Every call goes through this origin (/sandbox/api/{platform}/...), and each emulator's
// event stream makes the affected pane re-read its channel and render again.

import { loadDiscord, loadSlack } from "./channels.js";
import { briefInDiscord, briefInSlack, briefPasted } from "./commands.js";
import { openQueue } from "./moderate.js";
import { publishStory } from "./newsroom.js";
import { act, pane, showStatus } from "./page.js";
import { render } from "./render.js";
import { hooks, state } from "./state.js";

const EVENTS = {
  discord: ["message_create", "message_update", "message_delete", "thread_create",
    "thread_update"],
  slack: ["message_created", "message_updated", "message_deleted"],
};

const pending = {};
const running = {};

async function loadBriefs() {
  const response = await fetch("/sandbox/briefs");
  if (!response.ok) return;
  Object.assign(state.briefs, await response.json());
  showLatestArticle();
}

// The web pane follows the newest briefed article; its page updates itself live.
function showLatestArticle() {
  const ids = Object.values(state.briefs.discord).concat(Object.values(state.briefs.slack));
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
  const load = platform === "discord" ? loadDiscord : loadSlack;
  const items = await load(channel, state.briefs);
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

function start() {
  const sample = document.getElementById("sample-select");
  document.getElementById("brief-discord").addEventListener("click", function () {
    act(function () { return briefInDiscord(sample.value); });
  });
  document.getElementById("brief-slack").addEventListener("click", function () {
    act(function () { return briefInSlack(sample.value); });
  });
  document.getElementById("paste-discord").addEventListener("click", function () {
    act(function () { return briefPasted(briefInDiscord); });
  });
  document.getElementById("paste-slack").addEventListener("click", function () {
    act(function () { return briefPasted(briefInSlack); });
  });
  document.getElementById("moderate").addEventListener("click", function () {
    act(openQueue);
  });
  document.getElementById("publish-story").addEventListener("click", function () {
    act(publishStory);
  });
  for (const platform of ["discord", "slack"]) {
    document.getElementById(platform + "-user").addEventListener("change", function () {
      state.editing = null;
      refresh(platform);
    });
    refresh(platform);
    follow(platform);
  }
}

hooks.refresh = refresh;
start();
