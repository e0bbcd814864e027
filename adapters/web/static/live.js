// Progressive enhancement for the article page: live comments (Server-Sent Events),
// in-place replies and posting through the JSON API. Without it the page still works.
// Comment HTML comes escaped from the server; reader text is only ever set as textContent.
(function () {
  "use strict";
  // Spoilers stay hidden until a reader clicks them (or presses Enter or Space on them);
  // the first click only reveals, so a link inside a spoiler is not followed blind.
  function reveal(event) {
    var spoiler = event.target instanceof Element ? event.target.closest(".spoiler") : null;
    if (!spoiler || spoiler.classList.contains("revealed")) { return; }
    if (event.type === "keydown" && event.key !== "Enter" && event.key !== " ") { return; }
    event.preventDefault();
    spoiler.classList.add("revealed");
  }
  document.addEventListener("click", reveal);
  document.addEventListener("keydown", reveal);

  var comments = document.getElementById("comments");
  if (!comments) { return; }

  function fragment(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content.firstElementChild;
  }

  function recount(section) {
    var count = section.querySelector("h2 .count");
    if (!count) { return; }
    var n = section.querySelectorAll(".comment:not(.comment-deleted)").length;
    count.textContent = "(" + n + (n === 1 ? " comment)" : " comments)");
  }

  // The page's CSRF token, for the Report forms of comments that arrive live.
  function pageToken() {
    var field = document.querySelector('.comment-form [name="csrf_token"], .report-form [name="csrf_token"]');
    return field ? field.value : "";
  }

  function upsert(data) {
    var section = document.getElementById("discussion-" + Number(data.discussion_id));
    if (!section) { return; }
    var old = section.querySelector('.comment[data-id="' + Number(data.id) + '"]');
    if (data.action === "hidden") {
      if (old) { old.remove(); recount(section); }
      return;
    }
    var node = fragment(data.html);
    if (!node) { return; }
    var token = pageToken();
    node.querySelectorAll('.report-form [name="csrf_token"]').forEach(function (field) {
      if (!field.value) { field.value = token; }
    });
    if (old) {
      old.replaceWith(node);
    } else {
      // In the order written: an approved comment may be older than ones already shown.
      var list = section.querySelector(".comment-list");
      var later = Array.prototype.find.call(list.querySelectorAll(".comment[data-id]"), function (c) {
        return Number(c.dataset.id) > Number(data.id);
      });
      list.insertBefore(node, later || null);
      var empty = section.querySelector(".empty");
      if (empty) { empty.hidden = true; }
    }
    recount(section);
    if (Number(data.id) > Number(comments.dataset.lastId || 0)) {
      comments.dataset.lastId = String(data.id);
    }
  }

  function notice(text) {
    var p = document.createElement("p");
    p.className = "notice";
    p.setAttribute("role", "status");
    p.textContent = text;
    comments.insertBefore(p, comments.firstChild);
  }

  if (window.EventSource && comments.dataset.eventsUrl) {
    var url = new URL(comments.dataset.eventsUrl, window.location.href);
    url.searchParams.set("after", comments.dataset.lastId || "0");
    var source = new EventSource(url.toString());
    source.addEventListener("comment", function (event) { upsert(JSON.parse(event.data)); });
    source.addEventListener("discussion_state", function (event) {
      var data = JSON.parse(event.data);
      var wrap = document.getElementById("form-" + Number(data.id));
      if (!wrap) { return; }
      if (data.closed) {
        var closed = document.createElement("p");
        closed.className = "discussion-closed";
        closed.setAttribute("role", "status");
        closed.textContent = comments.dataset.closedText;
        wrap.replaceChildren(closed);
      } else {
        notice("A moderator reopened a discussion. Reload to write a comment.");
      }
    });
    source.addEventListener("discussion", function () {
      notice("This article is now discussed in another community too. Reload to see it.");
    });
    window.addEventListener("pagehide", function () { source.close(); });
  }

  function formOf(discussionId) {
    return comments.querySelector('.comment-form[data-discussion-id="' + Number(discussionId) + '"]');
  }

  function setReply(form, id, author) {
    form.elements.reply_to.value = id ? String(id) : "";
    var replying = form.querySelector(".replying");
    var link = replying.querySelector(".replying-link");
    link.textContent = author || "";
    link.setAttribute("href", id ? "#c" + Number(id) : "#");
    replying.hidden = !id;
  }

  comments.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    var reply = target.closest(".reply-link");
    var cancel = target.closest(".cancel-reply");
    if (reply) {
      var comment = reply.closest(".comment");
      var form = comment && formOf(comment.dataset.discussionId);
      if (!form) { return; }
      event.preventDefault();
      setReply(form, reply.dataset.replyTo, reply.dataset.author);
      form.elements.text.focus();
    } else if (cancel) {
      var own = cancel.closest(".comment-form");
      if (!own) { return; }
      event.preventDefault();
      setReply(own, null, null);
    }
  });

  comments.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("comment-form")) { return; }
    if (!window.fetch || !form.dataset.apiUrl) { return; }
    event.preventDefault();
    var status = form.querySelector(".form-status");
    var button = form.querySelector("button[type=submit]");
    var replyTo = Number(form.elements.reply_to.value) || null;
    var body = { name: form.elements.name.value, text: form.elements.text.value };
    if (replyTo) { body.reply_to = replyTo; }
    button.disabled = true;
    status.textContent = "Posting…";
    fetch(form.dataset.apiUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (!result.ok) {
        status.textContent = result.data.error || "The comment could not be posted.";
        return;
      }
      status.textContent = result.data.message || "Posted.";
      form.elements.text.value = "";
      setReply(form, null, null);
      if (!window.EventSource) { window.location.hash = "c" + Number(result.data.id); window.location.reload(); }
    }).catch(function () {
      status.textContent = "The comment could not be posted; check your connection and try again.";
    }).then(function () { button.disabled = false; });
  });
}());
