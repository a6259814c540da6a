// A tiny hyperscript helper: h('div', {class: 'x', dataset: {testid: 'y'}}, child, ...).
// Text children are set as text (never as HTML), so ids from the data cannot inject markup.

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k === 'style' && typeof v === 'object') {
        for (const [p, x] of Object.entries(v)) {
          if (p.startsWith('--')) el.style.setProperty(p, x);
          else el.style[p] = x;
        }
      }
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'testid') el.setAttribute('data-testid', v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** A link that opens a user's page inside the report. */
export function userLink(id, hasPage) {
  if (!hasPage) return h('span', { class: 'uid', title: 'no page for this user in the report' }, id);
  return h('a', { class: 'uid', href: `#user/${encodeURIComponent(id)}` }, id);
}
