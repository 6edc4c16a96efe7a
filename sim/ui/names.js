// Gives every slider of a dashboard an accessible name: ipywidgets draws a slider as a
// noUiSlider handle (a <div role="slider">), which the widget's <label> cannot name (a label
// names form fields only), so a screen reader hears just "slider". This sets the handle's
// aria-label to the label's text, and keeps it current when the language changes.
function name(root) {
  root.querySelectorAll(".widget-slider, .widget-hslider").forEach((slider) => {
    const label = slider.querySelector(":scope > .widget-label");
    const handle = slider.querySelector(".noUi-handle");
    if (!label || !handle) return;
    const text = label.textContent.trim() || label.getAttribute("title") || "";
    if (text && handle.getAttribute("aria-label") !== text) handle.setAttribute("aria-label", text);
  });
}

export default {
  render({ el }) {
    let root = null, queued = false;
    const run = () => {
      queued = false;
      root = root || (el.isConnected ? el.closest(".pasar-dash, .pasar-compare, .pasar-byhand") : null);
      if (root) name(root);
    };
    const later = () => { if (!queued) { queued = true; requestAnimationFrame(run); } };
    const observer = new MutationObserver(later);
    const attach = () => {
      run();
      if (root) observer.observe(root, { childList: true, subtree: true, characterData: true });
      else setTimeout(attach, 250); // not on the page yet
    };
    attach();
    return () => observer.disconnect();
  },
};
