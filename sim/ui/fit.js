function fit(gd) {
  const full = gd._fullLayout;
  if (!full || !gd.isConnected || gd.clientWidth < 10) return;
  if (Math.abs(full.width - gd.clientWidth) > 1 && gd._responsiveChartHandler) {
    gd._responsiveChartHandler();
  }
}
export default {
  render({ el }) {
    const seen = new WeakSet();
    let root = null, timer = null;
    const ro = new ResizeObserver(entries => entries.forEach(e => {
      const gd = e.target.querySelector('.js-plotly-plot');
      if (gd) fit(gd);
    }));
    const adopt = gd => {
      const cell = gd.closest('.pasar-cell');
      if (!seen.has(gd) && cell) { seen.add(gd); ro.observe(cell); }
      fit(gd);
    };
    const unclip = () => {
      // the panel sticks to the page's scrolling box: no box between may clip or scroll
      const side = root.querySelector('.pasar-side') || root;
      for (let a = side.parentElement; a && a !== document.body; a = a.parentElement) {
        const cs = getComputedStyle(a);
        const scrolls = /(auto|scroll)/.test(cs.overflowY) && a.scrollHeight > a.clientHeight + 1;
        if (scrolls || a.matches('.jp-WindowedPanel-outer, .jp-Notebook, .lm-DockPanel')) break;
        if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') a.style.overflow = 'visible';
      }
    };
    const scan = () => {
      if (!root) {
        root = el.isConnected ? el.closest('.pasar-dash') : null;
        if (root) unclip();
      }
      if (!root) return;
      const cells = root.querySelectorAll('.pasar-cell');
      let drawn = 0;
      cells.forEach(cell => {
        const gd = cell.querySelector('.js-plotly-plot');
        if (gd && gd._fullLayout) { drawn++; if (!seen.has(gd)) adopt(gd); }
      });
      if (cells.length && drawn === cells.length && timer) { clearInterval(timer); timer = null; }
    };
    const onDrawn = ev => {
      const gd = ev.detail && ev.detail.element;
      scan();
      if (gd && root && root.contains(gd)) adopt(gd);
    };
    document.addEventListener('plotlywidget-after-render', onDrawn);
    timer = setInterval(scan, 1000);
    return () => {
      document.removeEventListener('plotlywidget-after-render', onDrawn);
      if (timer) clearInterval(timer);
      ro.disconnect();
    };
  }
};
