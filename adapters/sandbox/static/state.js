// What the page remembers between renders, shared by its modules.

export const state = {
  // {discord: {brief message id: article id}, slack: {brief ts: article id}}
  briefs: { discord: {}, slack: {} },
  // Reply boxes' unsent text, by "platform:thread id".
  drafts: {},
  // What the page said next to a box (too long, empty), by the box's draft key.
  notes: {},
  // The message being edited: {platform, channel, id, text}, or null.
  editing: null,
  // The message whose menu (🚩, Remove everywhere, Hold for review) is open: "platform:id".
  openMenu: null,
};

// Set by the main module: re-read a platform's channel and render it again.
export const hooks = {
  refresh: function (platform) {},
};
