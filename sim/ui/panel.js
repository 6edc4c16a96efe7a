// The page side of a view's controls (a dashboard, a comparison, a by-hand widget, a quiz):
//
// - every slider gets an accessible name: ipywidgets draws a slider as a noUiSlider handle (a
//   <div role="slider">), which the widget's <label> cannot name (a label names form fields
//   only), so a screen reader would hear just "slider". The handle's aria-label is set to the
//   label's text, and kept current when the language changes;
// - a quiz question's answer (a number box, a group of choices) is named by the question,
//   with the box's unit: its own label is only the unit, "(thousand rupiah)";
// - a shop form's input (lesson 9) is a group named by its label (with the unit), and its field
//   is named by the same: the label is an HTML text beside the field, not a <label> for it, and
//   each row's "don't know" box is then heard within its input's group;
// - a dashboard's panel stays in view: it sticks to the page's scrolling box (CSS position:
//   sticky), which only works when no box between the two clips or scrolls, so those boxes
//   (output areas, Voila's cells) are told to let it overflow.
//
// Each chart fits its own cell (plot.js).
function name(root) {
  root.querySelectorAll(".widget-slider, .widget-hslider").forEach((slider) => {
    const label = slider.querySelector(":scope > .widget-label");
    const handle = slider.querySelector(".noUi-handle");
    if (!label || !handle) return;
    const text = label.textContent.trim() || label.getAttribute("title") || "";
    if (text && handle.getAttribute("aria-label") !== text) handle.setAttribute("aria-label", text);
  });
  root.querySelectorAll(".pasar-question").forEach((question) => {
    const prompt = question.querySelector(".pasar-prompt");
    if (!prompt) return;
    const ask = prompt.textContent.trim();
    const box = question.querySelector("input:not([type=radio])");
    if (box) {
      const unit = question.querySelector(".widget-text .widget-label");
      const text = [ask, unit ? unit.textContent.trim() : ""].filter(Boolean).join(" ");
      if (box.getAttribute("aria-label") !== text) box.setAttribute("aria-label", text);
    }
    const group = question.querySelector(".widget-radio-box");
    if (group && group.getAttribute("aria-label") !== ask) {
      group.setAttribute("role", "radiogroup");
      group.setAttribute("aria-label", ask);
    }
  });
  root.querySelectorAll(".pasar-shop-input").forEach((row) => {
    const label = row.querySelector(".pasar-shop-label");
    const text = label ? label.textContent.replace(/\s+/g, " ").trim() : "";
    if (!text) return;
    if (row.getAttribute("aria-label") !== text) {
      row.setAttribute("role", "group");
      row.setAttribute("aria-label", text);
    }
    const field = row.querySelector(".pasar-shop-field input, .pasar-shop-field select");
    if (field && field.getAttribute("aria-label") !== text) field.setAttribute("aria-label", text);
  });
}

function unclip(root) {
  const side = root.querySelector(".pasar-side");
  if (!side) return;
  for (let a = side.parentElement; a && a !== document.body; a = a.parentElement) {
    const cs = getComputedStyle(a);
    const scrolls = /(auto|scroll)/.test(cs.overflowY) && a.scrollHeight > a.clientHeight + 1;
    if (scrolls || a.matches(".jp-WindowedPanel-outer, .jp-Notebook, .lm-DockPanel")) break;
    if (cs.overflowX !== "visible" || cs.overflowY !== "visible") a.style.overflow = "visible";
  }
}

export default {
  render({ el }) {
    let root = null, queued = false, timer = null;
    const run = () => {
      queued = false;
      if (root) name(root);
    };
    const later = () => { if (!queued) { queued = true; requestAnimationFrame(run); } };
    const observer = new MutationObserver(later);
    const attach = () => {
      timer = null;
      root = el.isConnected ? el.closest(".pasar-dash, .pasar-compare, .pasar-byhand, .pasar-quiz") : null;
      if (!root) { timer = setTimeout(attach, 250); return; } // not on the page yet
      if (root.matches(".pasar-dash")) unclip(root);
      run();
      observer.observe(root, { childList: true, subtree: true, characterData: true });
    };
    attach();
    return () => { observer.disconnect(); if (timer) clearTimeout(timer); };
  },
};
