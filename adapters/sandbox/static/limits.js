// What the platforms' own clients say next to the box before sending: how long a message
// may be, and that an empty one is nothing to send. The limits come from the page
// (data-max-chars on each pane), which takes them from the emulators.

import { el, pane } from "./page.js";

const NAMES = { discord: "Discord", slack: "Slack" };

function number(n) {
  return n.toLocaleString("en-US");
}

// Characters as the platforms count them (code points, not UTF-16 units).
export function length(text) {
  return Array.from(text).length;
}

export function maxChars(platform) {
  return parseInt(pane(platform).dataset.maxChars, 10);
}

// One sentence saying why text cannot be sent, or "" when it can.
export function problem(platform, text) {
  if (!text) return "Write something first.";
  const max = maxChars(platform);
  const used = length(text);
  if (used > max) {
    return NAMES[platform] + " allows at most " + number(max) +
      " characters in a message; this one has " + number(used) + ".";
  }
  return "";
}

// The line under a box: a counter ("120 / 2,000") and the note, kept in notes[key].
export function boxFoot(platform, area, notes, key) {
  const foot = el("div", "box-foot");
  const counter = el("span", "counter");
  const note = el("span", "form-note");
  note.setAttribute("role", "status");
  note.setAttribute("aria-live", "polite");
  function update() {
    const used = length(area.value.trim());
    const max = maxChars(platform);
    counter.textContent = number(used) + " / " + number(max);
    counter.classList.toggle("over", used > max);
    note.textContent = notes[key] || "";
  }
  area.addEventListener("input", function () {
    if (notes[key] && !problem(platform, area.value.trim())) notes[key] = "";
    update();
  });
  foot.append(counter, note);
  update();
  return { node: foot, update: update };
}

// True when the text may be sent; otherwise the note says why, next to the box.
export function allowed(platform, text, notes, key, foot) {
  notes[key] = problem(platform, text);
  foot.update();
  return !notes[key];
}
