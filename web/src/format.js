// Number, date and duration formatting for people (en-US conventions, thin and predictable).

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** 12,345 (integers), with thousands separators. */
export function fmtInt(x) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  return int.format(Math.round(x));
}

/** 1.2M / 3.4B for big counts; exact (with separators) below a million. */
export function fmtCompact(x) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  return Math.abs(x) < 1e6 ? fmtNum(x) : compact.format(x);
}

/** A real number with a sensible number of significant digits. */
export function fmtNum(x, digits = 3) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (Number.isInteger(x) && a < 1e15) return fmtInt(x);
  if (a >= 1000) return fmtInt(x);
  if (a < 1e-3) return x.toExponential(1).replace('e-', '×10⁻').replace(/⁻(\d+)/, (_, d) => '⁻' + sup(d));
  return new Intl.NumberFormat('en-US', { maximumSignificantDigits: digits }).format(x);
}

function sup(d) {
  const map = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  return String(d).replace(/\d/g, (c) => map[Number(c)]);
}

/** 0.3372 -> "33.7%"; small shares keep two significant digits ("0.15%"). */
export function fmtPct(x, digits = 1) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  const p = x * 100;
  if (p !== 0 && Math.abs(p) < 1) return `${new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2 }).format(p)}%`;
  return `${p.toFixed(digits).replace(/\.0+$/, '')}%`;
}

/** Seconds -> "3.2 hours" / "12.7 days" / "1.4 years". */
export function fmtDuration(s) {
  if (s === null || s === undefined || Number.isNaN(s)) return '–';
  const units = [
    ['year', 365.25 * 86400], ['month', 30.44 * 86400], ['day', 86400], ['hour', 3600], ['minute', 60],
  ];
  for (const [name, size] of units) {
    if (s >= size) {
      const v = s / size;
      const txt = v >= 10 ? Math.round(v).toString() : v.toFixed(1).replace(/\.0$/, '');
      return `${txt} ${name}${txt === '1' ? '' : 's'}`;
    }
  }
  return `${Math.round(s)} s`;
}

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthFmt = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Unix seconds or ISO string -> "29 Jan 2023" (UTC, as refnet's timestamps are). */
export function fmtDate(t) {
  if (t === null || t === undefined || t === '') return '–';
  const d = typeof t === 'number' ? new Date(t * 1000) : new Date(t);
  return Number.isNaN(d.getTime()) ? String(t) : dateFmt.format(d);
}

/** "2023-01" -> "Jan 2023". */
export function fmtMonth(m) {
  const d = new Date(`${m}-01T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? String(m) : monthFmt.format(d);
}

/** "converted_referrals" -> "Converted referrals". */
const NAMES = { pagerank: 'PageRank', k_factor: 'K-factor', rr_sets: 'RR sets' };
export function humanize(name) {
  if (NAMES[name]) return NAMES[name];
  const s = String(name).replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** 1 -> "1st", 22 -> "22nd". */
export function ordinal(n) {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return fmtInt(n) + (s[(v - 20) % 10] || s[v] || s[0]);
}
