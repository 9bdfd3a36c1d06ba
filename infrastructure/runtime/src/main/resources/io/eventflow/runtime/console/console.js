// eventflow console: draws the template's topology, polls the runtime's counters, shows orders, dead letters
// and replays. Plain DOM and SVG; everything comes from this `up` (same origin), nothing from elsewhere.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const COLS = [
  {x: 6, w: 100, title: 'API'}, {x: 122, w: 126, title: 'HTTP function'}, {x: 264, w: 126, title: 'Tables'},
  {x: 408, w: 134, title: 'Stream consumers'}, {x: 560, w: 104, title: 'Bus / topic'},
  {x: 682, w: 134, title: 'Rules / subscriptions'}, {x: 834, w: 122, title: 'Queues'}, {x: 968, w: 100, title: 'DLQs'},
  {x: 1082, w: 114, title: 'Consumers'}];
const LANE = 62, TOP = 30;
const HEIGHT = {api: 52, function: 50, ops: 40, table: 46, bus: 44, topic: 44, rule: 50, subscription: 44, queue: 46, dlq: 38};
const POLL_MS = 500;

const state = {topology: null, nodes: new Map(), edges: new Map(), seq: 0, selected: null, dryRunKey: null, failures: 0};

function el(name, attrs, parent) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else if (v !== null && v !== undefined) e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

async function api(path, options) {
  const r = await fetch(path, Object.assign({cache: 'no-store'}, options || {}));
  const body = await r.json().catch(() => ({error: 'not JSON (' + r.status + ')'}));
  if (!r.ok) throw new Error(body.error || body.message || ('HTTP ' + r.status));
  return body;
}

function post(path, body) {
  return api(path, {method: 'POST', headers: {'content-type': 'application/json', 'x-eventflow-console': '1'}, body: JSON.stringify(body)});
}

// ---------------------------------------------------------------- topology

function colOf(c) {
  const i = Math.floor(c), f = c - i;
  const a = COLS[Math.min(i, COLS.length - 1)];
  return f === 0 || i + 1 >= COLS.length ? a : {x: a.x + (COLS[i + 1].x - a.x) * f, w: a.w};
}

function box(n) {
  const c = colOf(n.col);
  let height = HEIGHT[n.kind] || 44;
  if (n.kind === 'bus') {
    const rules = state.topology.nodes.filter(r => r.kind === 'rule').map(r => r.row);
    height = Math.max(1, Math.max(...rules, 0) - 1) * LANE + 40;
  }
  return {x: c.x, y: TOP + n.row * LANE, w: c.w, h: height};
}

function fitText(parent, text, x, y, maxWidth, cls, px) {
  const t = el('text', {x, y, class: cls}, parent);
  t.textContent = text;
  if (text.length * px > maxWidth) {
    t.setAttribute('textLength', maxWidth);
    t.setAttribute('lengthAdjust', 'spacingAndGlyphs');
  }
  return t;
}

function wrap(text, max) {
  const words = text.split(/(?<=,)\s*|\s+/);
  const lines = [''];
  for (const w of words) {
    const cur = lines[lines.length - 1];
    if (cur && (cur + ' ' + w).length > max) lines.push(w); else lines[lines.length - 1] = cur ? cur + ' ' + w : w;
  }
  return lines;
}

function drawTopology(t) {
  const svg = document.getElementById('topology');
  const height = Math.max(...t.nodes.map(n => { const b = box(n); return b.y + b.h; })) + 8;
  svg.setAttribute('viewBox', `0 0 1200 ${height}`);
  svg.replaceChildren();
  const rules = t.nodes.filter(n => n.kind === 'rule').length;
  const subs = t.nodes.filter(n => n.kind === 'subscription');
  el('rect', {x: 548, y: TOP - 8, width: 652, height: rules * LANE + 2, class: 'band', rx: 8}, svg);
  if (subs.length) {
    const top = TOP + Math.min(...subs.map(s => s.row)) * LANE - 8;
    const bottom = Math.max(...t.nodes.filter(n => n.col >= 4).map(n => { const b = box(n); return b.y + b.h; })) + 8;
    el('rect', {x: 548, y: top, width: 652, height: bottom - top, class: 'band', rx: 8}, svg);
  }
  COLS.forEach(c => el('text', {x: c.x + 2, y: 12, class: 'band-label'}, svg).textContent = c.title);
  const edgeLayer = el('g', {}, svg);
  const nodeLayer = el('g', {}, svg);
  const byId = new Map(t.nodes.map(n => [n.id, n]));
  for (const n of t.nodes) {
    const b = box(n);
    const g = el('g', {class: `node ${n.kind}`, 'data-node': n.id, 'data-kind': n.kind}, nodeLayer);
    el('title', {}, g).textContent = `${n.id} (${n.kind})\n${n.physical}${n.sub ? '\n' + n.sub : ''}`;
    el('rect', {x: b.x, y: b.y, width: b.w, height: b.h}, g);
    fitText(g, n.label, b.x + 6, b.y + 14, b.w - 12, 'label', 6.3);
    let y = b.y + 26;
    const subLines = n.kind === 'api' ? n.sub.split('\n') : wrap(n.sub || '', Math.floor((b.w - 10) / 5.2)).slice(0, n.kind === 'rule' || n.kind === 'subscription' ? 2 : 1);
    if (n.kind !== 'dlq') {
      for (const line of subLines) {
        fitText(g, line, b.x + 6, y, b.w - 12, 'sub', 5.2);
        y += 11;
      }
    }
    const count = el('text', {x: b.x + 6, y: n.kind === 'bus' ? b.y + b.h - 8 : b.y + b.h - 7, class: 'count'}, g);
    state.nodes.set(n.id, {node: n, g, count, box: b});
  }
  for (const e of t.edges) {
    const a = byId.get(e.from), z = byId.get(e.to);
    if (!a || !z) continue;
    const A = box(a), Z = box(z);
    let d;
    if (Math.abs(z.col - a.col) < 0.01 || (z.kind === 'dlq' && z.col - a.col < 1 && z.row > a.row)) {
      const x1 = A.x + A.w / 2, x2 = Z.x + Math.min(Z.w, A.w) / 2;
      d = Z.y > A.y ? `M${x1},${A.y + A.h} L${x2},${Z.y}` : `M${x1},${A.y} L${x2},${Z.y + Z.h}`;
    } else if (z.col > a.col) {
      const x1 = A.x + A.w, y1 = Math.min(A.y + A.h / 2, A.y + 30), x2 = Z.x, y2 = Z.y + Math.min(Z.h / 2, 24);
      const ya = a.kind === 'bus' || a.kind === 'topic' ? Math.max(A.y + 12, Math.min(A.y + A.h - 12, y2)) : y1;
      const dx = Math.max(20, (x2 - x1) / 2);
      d = `M${x1},${ya} C${x1 + dx},${ya} ${x2 - dx},${y2} ${x2},${y2}`;
    } else if (z.row > a.row + 1 && z.col < a.col - 1) {
      // back and down (a consumer publishing to a topic below): under its lane, left, then down into the target
      const lowerTop = Math.min(Z.y, ...t.nodes.filter(n => n.kind === 'subscription').map(n => TOP + n.row * LANE));
      const x1 = A.x + A.w / 2, y1 = A.y + A.h, x2 = Z.x + Z.w / 2, yMid = lowerTop - 13, r = 8;
      d = `M${x1},${y1} L${x1},${yMid - r} Q${x1},${yMid} ${x1 - r},${yMid} L${x2 + r},${yMid} Q${x2},${yMid} ${x2},${yMid + r} L${x2},${Z.y}`;
    } else {
      const x1 = A.x, y1 = A.y + A.h / 2, x2 = Z.x + Z.w, y2 = Z.y + Z.h / 2;
      const dx = Math.max(20, (x1 - x2) / 2);
      d = `M${x1},${y1} C${x1 - dx},${y1} ${x2 + dx},${y2} ${x2},${y2}`;
    }
    const g = el('g', {class: `edge ${e.kind}`, 'data-edge': e.id}, edgeLayer);
    el('title', {}, g).textContent = `${e.from} → ${e.to}${e.label ? ' (' + e.label + ')' : ''}`;
    const path = el('path', {d, 'marker-end': 'url(#arrow)'}, g);
    const len = path.getTotalLength();
    const mid = path.getPointAtLength(len / 2);
    if (e.label) {
      const p = path.getPointAtLength(Math.min(len - 4, 26));
      el('text', {x: p.x + 2, y: p.y - 4, class: 'elabel'}, g).textContent = e.label;
    }
    const tag = el('g', {class: 'tag', visibility: 'hidden'}, g);
    const tagRect = el('rect', {x: mid.x - 14, y: mid.y - 8, width: 28, height: 15}, tag);
    const tagText = el('text', {x: mid.x, y: mid.y + 3.5, 'text-anchor': 'middle', class: 'count'}, tag);
    // A queue's DLQ edge is a few pixels long: its count is on the DLQ itself.
    state.edges.set(e.id, {edge: e, g, tag, tagRect, tagText, mid, short: len < 40 && e.kind === 'failure'});
  }
  const defs = el('defs', {}, svg);
  const marker = el('marker', {id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse'}, defs);
  el('path', {d: 'M0,0 L10,5 L0,10 z', fill: '#8a96a8'}, marker);
  svg.setAttribute('aria-label', `Event flow of ${t.template}: ${t.nodes.length} resources — ` + t.nodes.map(n => n.id).join(', '));

  const others = document.querySelector('#others ul');
  others.replaceChildren(...Object.entries(t.others).map(([id, type]) => h('li', {'data-resource': id}, h('b', {text: id}), ' ' + type)));
  document.querySelector('#others summary').textContent =
    `${Object.keys(t.others).length} more resources of the template, not on the event path (alarms, policies, keys, ops topic)`;
}

function spans(parent, parts) {
  parent.replaceChildren();
  parts.forEach(([text, cls], i) => {
    const s = el('tspan', cls ? {class: cls} : {}, parent);
    s.textContent = (i ? ' ' : '') + text;
  });
}

function countsText(n, c) {
  if (!c) return [];
  switch (n.kind) {
    case 'function': case 'ops': {
      const parts = [[`✓${c.delivered}`, 'ok']];
      if (c.failed) parts.push([`✗${c.failed}`, 'bad']);
      if (c.retried) parts.push([`↻${c.retried}`, 'warn']);
      parts.push([`▸${c.inFlight}`]);
      if (c.invokes) parts.push([`${c.avgMs}ms`]);
      return parts;
    }
    case 'queue': return [[`▤${c.visible}`], [`▸${c.inFlight}`]];
    case 'dlq': {
      const n2 = (c.visible || 0) + (c.inFlight || 0);
      return [[`☠ ${n2}`, n2 ? 'bad' : null]];
    }
    default: return [];
  }
}

function edgeText(e, c) {
  if (!c) return null;
  if (c.inDlq !== undefined) return c.inDlq ? [[`☠${c.inDlq}`, 'bad']] : null;
  const parts = [];
  if (c.delivered) parts.push([`${c.delivered}`, 'ok']);
  if (c.failed) parts.push([`✗${c.failed}`, 'bad']);
  if (c.retried) parts.push([`↻${c.retried}`, 'warn']);
  if (c.inFlight) parts.push([`▸${c.inFlight}`]);
  return parts.length ? parts : null;
}

function applyState(s) {
  document.getElementById('invokes').textContent = s.invokes;
  document.getElementById('inflight').textContent = s.inFlight;
  for (const [id, v] of state.nodes) {
    const c = s.nodes[id];
    spans(v.count, countsText(v.node, c));
    const total = c ? (c.visible || 0) + (c.inFlight || 0) : 0;
    v.g.classList.toggle('full', v.node.kind === 'dlq' && total > 0);
    v.g.classList.toggle('busy', !!(c && c.inFlight));
    v.g.setAttribute('data-counts', c ? JSON.stringify(c) : '{}');
  }
  for (const [id, v] of state.edges) {
    const c = s.edges[id];
    const parts = edgeText(v.edge, c);
    v.g.setAttribute('data-counts', c ? JSON.stringify(c) : '{}');
    if (!parts || v.short) { v.tag.setAttribute('visibility', 'hidden'); continue; }
    spans(v.tagText, parts);
    const width = parts.map(p => p[0]).join(' ').length * 5.8 + 8;
    v.tagRect.setAttribute('x', v.mid.x - width / 2);
    v.tagRect.setAttribute('width', width);
    v.tag.setAttribute('visibility', 'visible');
  }
  for (const hop of s.hops) flash(hop);
}

function restart(g, cls) {
  g.classList.remove('flash', 'flash-bad');
  void g.getBBox();
  g.classList.add(cls);
  clearTimeout(g._flash);
  g._flash = setTimeout(() => g.classList.remove(cls), 900);
}

function flash(hop) {
  const cls = hop.failed ? 'flash-bad' : 'flash';
  const n = state.nodes.get(hop.function);
  if (n) restart(n.g, cls);
  const e = state.edges.get(`${hop.from}>${hop.function}`);
  if (e) restart(e.g, cls);
  if (n && state.selected && hop.orderIds && hop.orderIds.includes(state.selected)) loadTimeline(state.selected);
}

async function poll() {
  const live = document.getElementById('live');
  try {
    const s = await api(`api/state?since=${state.seq}`);
    if (s.seq < state.seq) state.seq = 0; // the runtime restarted
    state.seq = s.seq;
    applyState(s);
    state.failures = 0;
    live.className = 'live on';
    live.textContent = s.error ? `live, ${s.error}` : `live · updated ${new Date().toLocaleTimeString()}`;
  } catch (e) {
    state.failures++;
    live.className = 'live off';
    live.textContent = `not connected to up (${e.message}); retrying`;
  }
  setTimeout(poll, state.failures ? Math.min(5000, POLL_MS * 2 ** state.failures) : POLL_MS);
}

// ---------------------------------------------------------------- orders

function shortId(id) {
  return id.length > 16 ? id.slice(0, 14) + '…' : id;
}

function time(iso) {
  return iso ? new Date(iso).toISOString().slice(11, 23) : '';
}

async function loadOrders() {
  try {
    const r = await api('api/orders');
    const body = document.querySelector('#orders-table tbody');
    body.replaceChildren(...r.orders.map(o => {
      const where = o.inDlq ? `in ${o.inDlq}` : '';
      const tr = h('tr', {'data-order': o.orderId, class: o.orderId === state.selected ? 'selected' : ''},
        h('td', {}, h('button', {type: 'button', class: 'order-btn', title: o.orderId, 'aria-label': `Timeline of order ${o.orderId}`,
          onclick: () => select(o.orderId)}, shortId(o.orderId))),
        h('td', {}, h('span', {class: `status ${o.status}`, text: o.status})),
        h('td', {class: o.inDlq ? 'where dead' : 'where', text: where}),
        h('td', {text: time(o.placedAt)}));
      return tr;
    }));
    if (!r.orders.length) body.append(h('tr', {}, h('td', {colspan: 4, class: 'note', text: 'No orders yet: POST /orders, or place a sample order.'})));
  } catch (e) {
    document.getElementById('orders-note').textContent = `Orders unavailable: ${e.message}`;
  }
}

function select(orderId) {
  state.selected = orderId;
  document.querySelectorAll('#orders-table tr').forEach(tr => tr.classList.toggle('selected', tr.dataset.order === orderId));
  loadTimeline(orderId);
}

let timelineBusy = false;
async function loadTimeline(orderId) {
  if (timelineBusy) return;
  timelineBusy = true;
  const box = document.getElementById('timeline');
  try {
    const t = await api(`api/orders/${encodeURIComponent(orderId)}`);
    if (state.selected !== orderId) return;
    renderTimeline(t);
  } catch (e) {
    box.replaceChildren(h('p', {class: 'result bad', text: `Timeline of ${orderId} unavailable: ${e.message}`}));
  } finally {
    timelineBusy = false;
  }
}

function renderTimeline(t) {
  const box = document.getElementById('timeline');
  const now = t.now || {state: 'unknown'};
  const rows = [];
  for (const e of t.events || []) {
    rows.push({time: e.time, li: h('li', {class: 'event', 'data-kind': 'event'}, h('span', {class: 't', text: time(e.time)}),
      h('span', {class: 'wide'}, `#${e.sequence} ${e.eventType} `, h('span', {class: 'by', text: `stored by ${e.source || '?'}`})))});
  }
  for (const d of t.deliveries || []) {
    const extra = (d.attempt > 1 ? ` · attempt ${d.attempt}` : '') + (d.replay ? ' · replay' : '');
    rows.push({time: d.time, li: h('li', {class: d.failed ? 'failed' : 'delivery', 'data-kind': 'delivery', 'data-function': d.function},
      h('span', {class: 't', text: time(d.time)}), h('span', {text: `→ ${d.function}`}),
      h('span', {text: `${d.what || ''} ${d.outcome}${extra}`}), h('span', {class: 't', text: `${d.durationMs} ms`}))});
  }
  rows.sort((a, b) => (a.time || '').localeCompare(b.time || ''));
  const pending = (t.pending || []).map(p => h('li', {class: 'failed', 'data-kind': 'pending'}, h('span', {class: 't', text: 'pending'}),
    h('span', {text: `→ ${p.function}`}), h('span', {text: `${p.eventType} in ${p.queue}${p.failedAttempts ? ', failed ' + p.failedAttempts + '×' : ''}`}), h('span', {text: ''})));
  const dead = (t.deadLetters || []).map(d => h('li', {class: 'failed', 'data-kind': 'dead'}, h('span', {class: 't', text: 'dead'}),
    h('span', {text: d.queue}), h('span', {text: d.reason || ''}), h('span', {text: ''})));
  box.replaceChildren(
    h('h3', {}, `Order ${t.orderId} `, h('span', {class: `status ${t.status}`, text: t.status || 'not in the store'})),
    h('p', {}, h('span', {class: `now ${now.state}`, id: 'now', text: now.state + (now.queue ? ` in ${now.queue}` : '')}),
      ' ', h('span', {class: 'note', text: now.detail || ''})),
    h('ol', {class: 'tl', 'aria-label': `Timeline of order ${t.orderId}`}, ...rows.map(r => r.li), ...pending, ...dead),
    ...(t.notes || []).map(n => h('p', {class: 'note', text: n})));
  markOrder(t);
}

function markOrder(t) {
  document.querySelectorAll('#topology .node.visited, #topology .node.here').forEach(g => g.classList.remove('visited', 'here'));
  document.querySelectorAll('#topology .pin').forEach(p => p.remove());
  for (const d of t.deliveries || []) {
    const n = state.nodes.get(d.function);
    if (n) n.g.classList.add('visited');
  }
  const q = t.now && t.now.queue && state.nodes.get(t.now.queue);
  if (q) {
    q.g.classList.add('here');
    const pin = el('g', {class: 'pin'}, q.g);
    const label = `${shortId(t.orderId)} ${t.now.state} here`;
    el('rect', {x: q.box.x, y: q.box.y - 13, width: label.length * 6 + 8, height: 14}, pin);
    el('text', {x: q.box.x + 4, y: q.box.y - 3}, pin).textContent = label;
  }
}

async function placeSample() {
  const btn = document.getElementById('place-order');
  btn.disabled = true;
  try {
    const r = await fetch('/orders', {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({
      customerId: 'CUST-CONSOLE', customerEmail: 'console@example.com', customerPhone: '+15550100999', currency: 'EUR',
      items: [{sku: 'SKU-001', quantity: 1, unitPriceCents: 1250}]})});
    const body = await r.json().catch(() => ({}));
    document.getElementById('orders-note').textContent = r.ok ? `Placed ${body.orderId} (HTTP ${r.status}).` : `POST /orders answered ${r.status}: ${body.message || ''}`;
    await loadOrders();
    if (body.orderId) select(body.orderId);
  } finally {
    btn.disabled = false;
  }
}

// ---------------------------------------------------------------- dead letters

function renderDlqs(dlqs) {
  const box = document.getElementById('dlqs');
  const full = dlqs.filter(d => d.depth !== 0);
  const empty = dlqs.filter(d => d.depth === 0);
  box.replaceChildren(
    ...full.map(d => h('div', {class: 'dlq-row full', 'data-dlq': d.queue},
      h('div', {class: 'head'}, h('span', {class: 'name', text: d.queue}),
        h('span', {class: 'depth', text: d.depth < 0 ? '?' : `${d.depth} message${d.depth === 1 ? '' : 's'}`}),
        h('button', {type: 'button', class: 'primary', 'data-redrive': d.queue, 'aria-label': `Redrive ${d.queue}`,
          onclick: ev => redrive(d.queue, ev.target)}, 'Redrive')),
      d.error ? h('p', {class: 'result bad', text: d.error}) : null,
      ...d.letters.map(l => h('div', {class: 'letter', 'data-message': l.messageId},
        h('div', {}, h('span', {class: 'reason', text: l.reason})),
        h('div', {class: 'note', text: `${l.messageId.slice(0, 8)}… · received ${l.receiveCount}×` + (l.orderId ? ` · order ${l.orderId}` : '')
          + (l.target ? ` · goes back to ${l.target.split(':').pop()}` : '')}),
        l.preview ? h('details', {}, h('summary', {text: 'body (masked)'}), h('pre', {text: l.preview})) : null)))),
    h('p', {class: 'empties'}, full.length ? 'Empty: ' : 'All dead-letter queues are empty: ', empty.map(d => d.queue).join(', ')));
}

async function loadDlqs() {
  try {
    renderDlqs((await api('api/dlq')).dlqs);
  } catch (e) {
    document.getElementById('dlqs').replaceChildren(h('p', {class: 'result bad', text: `Dead letters unavailable: ${e.message}`}));
  }
}

async function redrive(queue, button) {
  const out = document.getElementById('redrive-result');
  button.disabled = true;
  out.className = 'result';
  out.textContent = `Redriving ${queue} through DlqRedriveFunction…`;
  try {
    const r = await post('api/redrive', {dlq: queue});
    if (r.ok) {
      const x = r.result;
      const to = Object.keys(x.movedTo || {}).map(u => u.split('/').pop()).join(', ');
      out.className = 'result ok';
      out.textContent = `${queue}: moved ${x.moved}${to ? ' to ' + to : ''}, failed ${x.failed}, skipped ${x.skipped}, `
        + `${x.remaining} left (${x.method}, ${r.durationMs} ms).`;
    } else {
      out.className = 'result bad';
      out.textContent = `${queue}: redrive failed: ${r.error}`;
    }
    renderDlqs(r.dlqs);
  } catch (e) {
    out.className = 'result bad';
    out.textContent = `${queue}: ${e.message}`;
  } finally {
    button.disabled = false;
  }
}

// ---------------------------------------------------------------- replay

function replayForm() {
  const f = document.getElementById('replay-form');
  const v = name => f.elements[name].value.trim();
  return {stream: v('stream'), types: v('types'), from: v('from'), to: v('to'), target: v('target'), rate: v('rate'), maxEvents: v('maxEvents')};
}

async function replay(dryRun) {
  const out = document.getElementById('replay-result');
  const form = replayForm();
  const key = JSON.stringify(form);
  out.className = 'result';
  out.textContent = dryRun ? 'Dry run…' : 'Replaying…';
  try {
    const r = await post('api/replay', Object.assign({dryRun}, form));
    if (!r.ok) throw new Error(r.error);
    const x = r.result;
    out.className = 'result ok';
    out.textContent = dryRun
      ? `Dry run: ${x.matched} event(s) match${x.capped ? ' (capped)' : ''}; nothing sent. Press Replay to send them to ${x.target}.`
      : `Replayed: ${x.sent} sent, ${x.failed} failed${x.notMatched ? ', ' + x.notMatched + ' not matched by the rule' : ''} to ${x.target} in ${x.elapsedMs} ms`
        + (x.resumeFrom ? `; stopped early, resume from ${x.resumeFrom}` : '.');
    state.dryRunKey = dryRun && x.matched > 0 ? key : null;
  } catch (e) {
    out.className = 'result bad';
    out.textContent = e.message;
    state.dryRunKey = null;
  }
  document.getElementById('r-run').disabled = state.dryRunKey !== key;
}

function setupReplay(t) {
  const select = document.getElementById('r-target');
  t.nodes.filter(n => n.kind === 'rule').forEach(n => select.append(h('option', {value: `rule:${n.physical}`}, `rule ${n.id}`)));
  const f = document.getElementById('replay-form');
  f.addEventListener('submit', ev => { ev.preventDefault(); replay(true); });
  f.addEventListener('input', () => { document.getElementById('r-run').disabled = state.dryRunKey !== JSON.stringify(replayForm()); });
  document.getElementById('r-run').addEventListener('click', () => replay(false));
}

// ---------------------------------------------------------------- start

async function start() {
  try {
    const t = await api('api/topology');
    state.topology = t;
    document.getElementById('api').textContent = t.api;
    document.getElementById('endpoint').textContent = t.endpoint;
    const name = document.getElementById('template-name');
    name.textContent = `— ${t.template}` + (t.parameters.Stage ? ` (Stage=${t.parameters.Stage})` : '');
    name.title = Object.entries(t.parameters).map(([k, v]) => k + '=' + v).join('\n');
    drawTopology(t);
    setupReplay(t);
    document.getElementById('place-order').addEventListener('click', placeSample);
  } catch (e) {
    document.getElementById('live').textContent = `cannot load the topology: ${e.message}`;
    return;
  }
  poll();
  // One request of each kind at a time: a slow answer delays the next poll instead of stacking them up.
  const every = (fn, ms) => { const tick = async () => { try { await fn(); } finally { setTimeout(tick, ms); } }; tick(); };
  every(loadOrders, 2000);
  every(loadDlqs, 2000);
  setInterval(() => { if (state.selected) loadTimeline(state.selected); }, 2500);
}

start();
