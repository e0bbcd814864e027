// The newsroom bar: publish the next invented story in the sandbox's feed; briefbot polls
// the feed and briefs the story into both #news channels, with its threads, untouched.

export async function publishStory() {
  const note = document.getElementById("newsroom-note");
  note.textContent = "";
  const response = await fetch("/sandbox/newsroom/publish", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: "{}",
  });
  let data = null;
  try {
    data = await response.json();
  } catch (error) {
    data = null;
  }
  if (!response.ok || !data || !data.title) {
    note.textContent = "The newsroom could not publish a story.";
    return;
  }
  note.textContent = "Published “" + data.title + "”: briefbot picks it up from the feed in a few seconds.";
}
