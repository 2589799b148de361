// Default bilingual labels for the rows and headers of the paper's tables (used when a spec gives none).
export interface Label { zh?: string; en?: string }

export const DEFAULT_LABELS: Record<string, Label> = {
  Bigdata: { en: "Bigdata", zh: "大数据试验区设立" },
  Diggre: { en: "Diggre", zh: "大数据试验区 × 低碳城市试点" },
  Digine: { en: "Digine", zh: "大数据试验区 × 智慧城市试点" },
  Bigdata_x_Elec: { en: "Bigdata × Elec", zh: "大数据试验区设立 × 供电稳定性" },
  Bigdata_x_Inte: { en: "Bigdata × Inte", zh: "大数据试验区设立 × 网络设施" },
  Bigdata_x_Gove: { en: "Bigdata × Gove", zh: "大数据试验区设立 × 政府数字关注度" },
  Bigdata_x_Publ: { en: "Bigdata × Publ", zh: "大数据试验区设立 × 公众数字关注度" },
  linear: { en: "Linear controls", zh: "控制变量一次项" },
  squared: { en: "Squared controls", zh: "控制变量二次项" },
  controls: { en: "Linear and squared controls", zh: "控制变量一次项、二次项" },
  year_fe: { en: "Year FE", zh: "年份固定效应" },
  city_fe: { en: "City FE", zh: "城市固定效应" },
  year_city_fe: { en: "Year and city FE", zh: "年份、城市固定效应" },
  FI: { en: "FI", zh: "科产融合水平" },
  N: { en: "N", zh: "N" },
  paper: { en: "Paper", zh: "论文" },
  truth: { en: "Truth (simulated)", zh: "真值(模拟)" },
};

export type Language = "en" | "zh" | "both";

/** The text of a row or header: English, Chinese, or "English / 中文" (both, when they differ). */
export function labelText(key: string, lang: Language = "both", given?: Label): string {
  const l = given ?? DEFAULT_LABELS[key] ?? {};
  const en = l.en ?? key, zh = l.zh ?? en;
  if (lang === "en") return en;
  if (lang === "zh") return zh;
  return en === zh ? en : `${en} / ${zh}`;
}
