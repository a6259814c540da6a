// Colours and the ECharts theme. One colour per trust tier, used everywhere (funnel, heat map,
// network, user pages); red is kept for negative ties and drops, nothing else.

export const TIER_NAMES = ['none', 'micro', 'weak', 'strong', 'super'];
export const TIER_COLORS = {
  none: '#a3abb8',
  micro: '#7fbce6',
  weak: '#35a39b',
  strong: '#2f62c9',
  super: '#e89b0c',
};
export const NEGATIVE = '#d64545';
export const POSITIVE_EDGE = '#9aa7b8';
export const ACCENT = '#2f62c9';
export const MUTED = '#6b7280';
export const INK = '#1f2430';
export const GRID = '#e6e9ef';

// Score components of the super-user ranking (distinct from the tier colours).
export const COMPONENT_COLORS = {
  descendants: '#4c6ef5',
  converted_referrals: '#12b886',
  reach: '#15aabf',
  pagerank: '#7950f2',
  influence: '#f76707',
  tier: '#e89b0c',
  purchases: '#a61e4d',
};
export const SERIES = ['#2f62c9', '#e89b0c', '#12b886', '#7950f2', '#15aabf', '#f76707', '#a61e4d', '#5c940d', '#495057', '#e64980'];

// Communities in the network view: a qualitative palette, cycled.
export const COMMUNITY_COLORS = [
  '#4c6ef5', '#12b886', '#f76707', '#7950f2', '#15aabf', '#e64980', '#5c940d', '#e8590c',
  '#1c7ed6', '#9c36b5', '#2b8a3e', '#c2255c', '#0b7285', '#d9480f', '#5f3dc4', '#087f5b',
];

export function tierColor(t) {
  if (t === null || t === undefined) return '#8c96a5';
  return TIER_COLORS[typeof t === 'number' ? TIER_NAMES[t] : t] || '#8c96a5';
}

export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export const ECHARTS_THEME = {
  color: SERIES,
  backgroundColor: 'transparent',
  textStyle: { fontFamily: FONT, color: INK },
  title: { textStyle: { fontFamily: FONT, color: INK } },
  legend: { textStyle: { color: INK, fontSize: 12 }, itemWidth: 14, itemHeight: 10, icon: 'roundRect' },
  tooltip: {
    backgroundColor: 'rgba(255,255,255,0.97)',
    borderColor: '#d6dbe4',
    borderWidth: 1,
    padding: [8, 10],
    textStyle: { color: INK, fontSize: 12, fontFamily: FONT },
    extraCssText: 'box-shadow: 0 4px 14px rgba(20,30,50,.12); border-radius: 8px;',
  },
  categoryAxis: {
    axisLine: { lineStyle: { color: '#b8c0cc' } },
    axisTick: { lineStyle: { color: '#b8c0cc' } },
    axisLabel: { color: MUTED },
    splitLine: { lineStyle: { color: GRID } },
    nameTextStyle: { color: MUTED },
  },
  valueAxis: {
    axisLine: { show: false },
    axisTick: { show: false },
    axisLabel: { color: MUTED },
    splitLine: { lineStyle: { color: GRID } },
    nameTextStyle: { color: MUTED },
  },
  logAxis: {
    axisLine: { show: false },
    axisLabel: { color: MUTED },
    splitLine: { lineStyle: { color: GRID } },
    nameTextStyle: { color: MUTED },
  },
  timeAxis: {
    axisLine: { lineStyle: { color: '#b8c0cc' } },
    axisLabel: { color: MUTED },
    splitLine: { show: false },
    nameTextStyle: { color: MUTED },
  },
};
