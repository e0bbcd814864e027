// "Moderate": the sandbox signs its visitor in to the moderation queue with a real
// one-time link (POST /sandbox/moderate), opened in a new tab.

export async function openQueue() {
  const note = document.getElementById("moderate-note");
  note.textContent = "";
  // Opened before the request so that the browser counts it as the click's own tab.
  const tab = window.open("", "_blank");
  if (tab) tab.opener = null;
  let data = null;
  try {
    const response = await fetch("/sandbox/moderate", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    data = response.ok ? await response.json() : null;
  } catch (error) {
    data = null;
  }
  if (!data || !data.url) {
    if (tab) tab.close();
    note.textContent = "The sandbox could not sign you in; try again.";
    return;
  }
  if (tab) {
    tab.location.href = data.url;
  } else {
    window.location.href = data.url;
  }
}
