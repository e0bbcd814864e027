// DOM and HTTP helpers shared by the sandbox page's modules.

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

export function showStatus(text) {
  const status = document.getElementById("status");
  status.textContent = text;
  status.hidden = !text;
}

export async function api(platform, method, path, body) {
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

export function sleep(ms) {
  return new Promise(function (resolve) { setTimeout(resolve, ms); });
}

export function pane(platform) {
  return document.getElementById(platform + "-pane");
}

export function chosenUser(platform) {
  const select = document.getElementById(platform + "-user");
  const option = select.options[select.selectedIndex];
  return { id: select.value, name: option ? option.dataset.name : "" };
}

export function userNames(platform) {
  const names = {};
  for (const option of document.getElementById(platform + "-user").options) {
    names[option.value] = option.dataset.name;
  }
  return names;
}

// Runs one user action; its failure becomes the status line instead of an exception.
export async function act(work) {
  try {
    showStatus("");
    await work();
  } catch (error) {
    showStatus(error.message);
  }
}
